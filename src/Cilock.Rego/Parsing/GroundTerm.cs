using Cilock.Rego.Ast;
using Cilock.Rego.Values;

namespace Cilock.Rego.Parsing;

/// <summary>Parses Rego term text that contains only constants (e.g. <c>{"b": [1, 2]}</c>, <c>{1, 2}</c>) into a value.</summary>
internal static class GroundTerm
{
    public static Value Parse(string text) => ToValue(Parser.ParseTerm(text));

    public static Value ToValue(Term t) => t switch
    {
        ScalarTerm s => s.Value,
        ArrayTerm a => new ArrayValue(a.Items.Select(ToValue).ToArray()),
        SetTerm s => new SetValue(s.Items.Select(ToValue)),
        ObjectTerm o => new ObjectValue(o.Items.ToDictionary(p => ToValue(p.Key), p => ToValue(p.Value))),
        CallTerm { Name: ["minus"], Args: [ScalarTerm { Value: NumberValue z }, var x] } when z.Sign == 0 && ToValue(x) is NumberValue n => n.Negate(),
        _ => throw new RegoException("rego_parse_error", "term is not a constant", t.Loc.File, t.Loc.Line, t.Loc.Column),
    };
}
