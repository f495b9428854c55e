namespace Cilock.Rego.Ast;

/// <summary>Rule kinds.</summary>
internal enum RuleKind
{
    /// <summary>One value at its path (complete rule, or partial object when the path has variables).</summary>
    SingleValue,

    /// <summary>A set built from <see cref="Rule.Key"/> (<c>p contains x</c>, v0 <c>p[x]</c>).</summary>
    MultiValue,

    /// <summary>A function.</summary>
    Function,
}

/// <summary>A rule (or one link of an <c>else</c> chain).</summary>
internal sealed class Rule
{
    public required Module Module { get; init; }

    public required Location Loc { get; init; }

    public RuleKind Kind { get; set; }

    public bool IsDefault { get; init; }

    /// <summary>Head path relative to the package; element 0 is the rule name as a string scalar.</summary>
    public required Term[] Path { get; set; }

    public Term[]? Args { get; set; }

    public Term? Key { get; set; }

    /// <summary>The value term; null means <c>true</c>.</summary>
    public Term? Value { get; set; }

    public Literal[] Body { get; set; } = [];

    public Rule? Else { get; set; }

    /// <summary>The absolute path of the rule's node: package path plus the leading string segments of <see cref="Path"/>.</summary>
    public string[] NodePath { get; set; } = [];

    /// <summary>Path terms after <see cref="NodePath"/> (non-string or variable keys of ref heads).</summary>
    public Term[] Rest { get; set; } = [];

    public string Name => ((Values.StringValue)((ScalarTerm)Path[0]).Value).Value;
}

/// <summary>A parsed module.</summary>
internal sealed class Module
{
    public required string File { get; init; }

    public required string[] Package { get; init; }

    public required Location PackageLoc { get; init; }

    public List<(string[] Path, string Alias, Location Loc)> Imports { get; } = [];

    public List<Rule> Rules { get; } = [];

    public bool V1 { get; set; }
}
