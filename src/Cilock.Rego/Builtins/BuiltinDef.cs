using Cilock.Rego.Values;

namespace Cilock.Rego.Builtins;

/// <summary>Implementation of a built-in: returns the result, or null for undefined.</summary>
internal delegate Value? BuiltinFunc(BuiltinContext ctx, Value[] args);

/// <summary>A built-in function: name, arity and implementation.</summary>
internal sealed record BuiltinDef(string Name, int Arity, BuiltinFunc Func)
{
    /// <summary>Results differ between calls (time.now_ns, uuid, rand): cached per evaluation like OPA.</summary>
    public bool NonDeterministic { get; init; }

    /// <summary>Allowed only outside policy mode (network and runtime information).</summary>
    public bool Unsafe { get; init; }

    /// <summary>A relation (<c>walk</c>): the function returns an array of results, each one a solution.</summary>
    public bool Relation { get; init; }

    /// <summary>Arity -1: any number of arguments (print).</summary>
    public bool Variadic => Arity < 0;
}

/// <summary>A failure inside a built-in: a type error (<c>eval_type_error</c>) or another built-in error.</summary>
internal sealed class BuiltinException(string message, bool typeError = false) : Exception(message)
{
    public bool TypeError { get; } = typeError;
}
