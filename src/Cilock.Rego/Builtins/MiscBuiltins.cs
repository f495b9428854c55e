using Cilock.Rego.Values;
using static Cilock.Rego.Builtins.Args;

namespace Cilock.Rego.Builtins;

/// <summary>print, trace, uuid, and the network/runtime built-ins that exist only outside policy mode.</summary>
internal static class MiscBuiltins
{
    public static void Register(Dictionary<string, BuiltinDef> t)
    {
        // print is evaluated by the interpreter (undefined operands print as <undefined>); the entry gives it a name.
        t.Add("print", -1, (_, _) => BoolValue.True);
        t.Add("trace", 1, (_, a) =>
        {
            Str(a, 0);
            return BoolValue.True;
        });
        t["uuid.rfc4122"] = new BuiltinDef("uuid.rfc4122", 1, (_, a) =>
        {
            Str(a, 0);
            return S(Guid.NewGuid().ToString());
        }) { NonDeterministic = true };

        // No network access in this engine: outside policy mode these exist (so they can be mocked with `with`) but
        // fail when called, and opa.runtime reveals nothing. In policy mode all three are undefined (compile error).
        Disabled(t, "http.send", 1);
        Disabled(t, "net.lookup_ip_addr", 1);
        t["opa.runtime"] = new BuiltinDef("opa.runtime", 0, (_, _) => ObjectValue.Empty) { Unsafe = true };
    }

    private static void Disabled(Dictionary<string, BuiltinDef> t, string name, int arity) =>
        t[name] = new BuiltinDef(name, arity, (_, _) => throw new BuiltinException(name + " is not available in this engine (no network or runtime access)")) { Unsafe = true };
}
