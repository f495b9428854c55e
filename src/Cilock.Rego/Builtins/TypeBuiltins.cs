using Cilock.Rego.Values;
using static Cilock.Rego.Builtins.Args;

namespace Cilock.Rego.Builtins;

/// <summary>Type tests and <c>type_name</c>.</summary>
internal static class TypeBuiltins
{
    public static void Register(Dictionary<string, BuiltinDef> t)
    {
        t.Add("is_number", 1, (_, a) => B(a[0] is NumberValue));
        t.Add("is_string", 1, (_, a) => B(a[0] is StringValue));
        t.Add("is_boolean", 1, (_, a) => B(a[0] is BoolValue));
        t.Add("is_array", 1, (_, a) => B(a[0] is ArrayValue));
        t.Add("is_set", 1, (_, a) => B(a[0] is SetValue));
        t.Add("is_object", 1, (_, a) => B(a[0] is ObjectValue));
        t.Add("is_null", 1, (_, a) => B(a[0] is NullValue));
        t.Add("type_name", 1, (_, a) => S(a[0].TypeName));
    }
}
