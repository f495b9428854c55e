namespace Cilock.Rego.Ast;

/// <summary>A <c>with target as value</c> modifier.</summary>
internal sealed class WithModifier(Location loc, Term target, Term value)
{
    public Location Loc { get; } = loc;

    public Term Target { get; set; } = target;

    public Term Value { get; set; } = value;

    /// <summary>Set by the compiler: what the target replaces.</summary>
    public WithKind Kind { get; set; }

    /// <summary>Set by the compiler: the path under <c>input</c>/<c>data</c>, or the built-in's dotted name.</summary>
    public string[] Path { get; set; } = [];

    /// <summary>Set by the compiler when the replacement is a built-in (by name).</summary>
    public Builtins.BuiltinDef? MockBuiltin { get; set; }
}

/// <summary>What a <c>with</c> modifier replaces.</summary>
internal enum WithKind
{
    Input,
    Data,
    Builtin,
}

/// <summary>Base of body literals.</summary>
internal abstract class Literal(Location loc)
{
    public Location Loc { get; } = loc;

    public WithModifier[] Withs { get; set; } = [];

    /// <summary>The literal's source text (query output).</summary>
    public string Text { get; set; } = "";

    /// <summary>Position in the body as written (bodies are reordered for safety).</summary>
    public int Index { get; set; }
}

/// <summary>Expression kinds.</summary>
internal enum ExprKind
{
    Term,
    Unify,
    Assign,
}

/// <summary>An expression literal, optionally negated: a term, <c>a = b</c> or <c>a := b</c>.</summary>
internal sealed class ExprLiteral(Location loc, bool negated, ExprKind kind, Term left, Term? right) : Literal(loc)
{
    public bool Negated { get; } = negated;

    public ExprKind Kind { get; } = kind;

    public Term Left { get; set; } = left;

    public Term? Right { get; set; } = right;
}

/// <summary><c>some x, y</c>: declares locals.</summary>
internal sealed class SomeDeclLiteral(Location loc, VarTerm[] vars) : Literal(loc)
{
    public VarTerm[] Vars { get; } = vars;
}

/// <summary><c>some [k,] v in collection</c>.</summary>
internal sealed class SomeInLiteral(Location loc, Term? key, Term value, Term collection) : Literal(loc)
{
    public Term? Key { get; set; } = key;

    public Term Value { get; set; } = value;

    public Term Collection { get; set; } = collection;
}

/// <summary><c>every [k,] v in domain { body }</c>.</summary>
internal sealed class EveryLiteral(Location loc, Term? key, Term value, Term domain, Literal[] body) : Literal(loc)
{
    public Term? Key { get; set; } = key;

    public Term Value { get; set; } = value;

    public Term Domain { get; set; } = domain;

    public Literal[] Body { get; set; } = body;
}
