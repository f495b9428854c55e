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
        RegexBuiltins.Register(t);
        GlobBuiltins.Register(t);
        TypeBuiltins.Register(t);
        EncodingBuiltins.Register(t);
        TimeBuiltins.Register(t);
        UnitsBuiltins.Register(t);
        SemverBuiltins.Register(t);
        CryptoBuiltins.Register(t);
        JwtBuiltins.Register(t);
        GraphBuiltins.Register(t);
        NetBuiltins.Register(t);
        MiscBuiltins.Register(t);
        return t;
    }

    /// <summary>Adds a built-in to a table.</summary>
    public static void Add(this Dictionary<string, BuiltinDef> t, string name, int arity, BuiltinFunc f) => t[name] = new BuiltinDef(name, arity, f);
}
