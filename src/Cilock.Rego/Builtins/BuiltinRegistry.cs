namespace Cilock.Rego.Builtins;

/// <summary>The one table of built-in functions, filled by each family's <c>Register</c>.</summary>
internal static class BuiltinRegistry
{
    private static readonly Dictionary<string, BuiltinDef> Table = Build();

    /// <summary>All registered built-ins.</summary>
    public static IReadOnlyCollection<BuiltinDef> All => Table.Values;

    /// <summary>Finds a built-in; in policy mode the unsafe (network/runtime) ones do not exist.</summary>
    public static BuiltinDef? Find(string name, bool policyMode) =>
        Table.TryGetValue(name, out var b) && !(policyMode && b.Unsafe) ? b : null;

    private static Dictionary<string, BuiltinDef> Build()
    {
        var t = new Dictionary<string, BuiltinDef>(StringComparer.Ordinal);
        ComparisonBuiltins.Register(t);
        NumberBuiltins.Register(t);
        AggregateBuiltins.Register(t);
        ArrayBuiltins.Register(t);
        SetBuiltins.Register(t);
        ObjectBuiltins.Register(t);
        StringBuiltins.Register(t);
        // TODO-WIP RegexBuiltins.Register(t);
        TypeBuiltins.Register(t);
        // TODO-WIP EncodingBuiltins.Register(t);
        // TODO-WIP TimeBuiltins.Register(t);
        // TODO-WIP UnitsBuiltins.Register(t);
        // TODO-WIP SemverBuiltins.Register(t);
        // TODO-WIP CryptoBuiltins.Register(t);
        // TODO-WIP GraphBuiltins.Register(t);
        // TODO-WIP NetBuiltins.Register(t);
        // TODO-WIP MiscBuiltins.Register(t);
        return t;
    }

    /// <summary>Adds a built-in to a table.</summary>
    public static void Add(this Dictionary<string, BuiltinDef> t, string name, int arity, BuiltinFunc f) => t[name] = new BuiltinDef(name, arity, f);
}
