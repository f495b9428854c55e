using Cilock.Rego.Values;

namespace Cilock.Rego.Ast;

/// <summary>A source position.</summary>
internal readonly record struct Location(string File, int Line, int Column);

/// <summary>Base of every Rego term (expression operand).</summary>
internal abstract class Term
{
    protected Term(Location loc) => Loc = loc;

    public Location Loc { get; }

    /// <summary>Cached value of a literal collection made only of constants (computed on first use).</summary>
    public Value? Constant { get; set; }

    /// <summary>Whether <see cref="Constant"/> has been computed (it stays null for non-constant terms).</summary>
    public bool ConstantChecked { get; set; }
}

/// <summary>A literal scalar: null, boolean, number or string.</summary>
internal sealed class ScalarTerm(Location loc, Value value) : Term(loc)
{
    public Value Value { get; } = value;
}

/// <summary>A variable. After compilation locals carry unique names and globals are rewritten to refs.</summary>
internal sealed class VarTerm(Location loc, string name) : Term(loc)
{
    public string Name { get; set; } = name;

    public bool IsWildcard => Name.StartsWith('$') || Name == "_";

    /// <summary>The name as written (compiler renames carry a <c>'n</c> suffix; wildcards show as <c>_</c>).</summary>
    public string Display => IsWildcard ? "_" : Name.Split('\'')[0];
}

/// <summary>A reference: a head term followed by a path (<c>a.b[c]</c>); dotted names are string scalars.</summary>
internal sealed class RefTerm(Location loc, Term head, Term[] path) : Term(loc)
{
    public Term Head { get; set; } = head;

    public Term[] Path { get; set; } = path;

    /// <summary>For refs rooted at <c>data</c> after compilation: the leading string path (e.g. ["pkg","rule"]).</summary>
    public bool IsData => Head is VarTerm { Name: "data" };

    public bool IsInput => Head is VarTerm { Name: "input" };
}

/// <summary>An array literal.</summary>
internal sealed class ArrayTerm(Location loc, Term[] items) : Term(loc)
{
    public Term[] Items { get; } = items;
}

/// <summary>A set literal.</summary>
internal sealed class SetTerm(Location loc, Term[] items) : Term(loc)
{
    public Term[] Items { get; } = items;
}

/// <summary>An object literal.</summary>
internal sealed class ObjectTerm(Location loc, (Term Key, Term Value)[] items) : Term(loc)
{
    public (Term Key, Term Value)[] Items { get; } = items;
}

/// <summary>Comprehension kinds.</summary>
internal enum ComprehensionKind
{
    Array,
    Set,
    Object,
}

/// <summary>An array, set or object comprehension.</summary>
internal sealed class ComprehensionTerm(Location loc, ComprehensionKind kind, Term head, Term? value, Literal[] body) : Term(loc)
{
    public ComprehensionKind Kind { get; } = kind;

    public Term Head { get; } = head;

    public Term? Value { get; } = value;

    public Literal[] Body { get; set; } = body;
}

/// <summary>A call of a built-in or user function; <see cref="Name"/> is the dotted name as written.</summary>
internal sealed class CallTerm(Location loc, string[] name, Term[] args) : Term(loc)
{
    public string[] Name { get; set; } = name;

    public Term[] Args { get; } = args;

    /// <summary>Set by the compiler: the built-in to call, or null for a user function at <see cref="DataPath"/>.</summary>
    public Builtins.BuiltinDef? Builtin { get; set; }

    /// <summary>Set by the compiler for user functions: the path under <c>data</c>.</summary>
    public string[]? DataPath { get; set; }

    public string DisplayName => string.Join('.', Name);

    /// <summary>Set by the compiler: the last argument receives the result (<c>count(x, n)</c>).</summary>
    public bool OutputArg { get; set; }
}
