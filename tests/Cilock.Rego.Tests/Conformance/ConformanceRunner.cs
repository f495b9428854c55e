using Cilock.Rego.Parsing;
using Cilock.Rego.Values;

namespace Cilock.Rego.Tests.Conformance;

/// <summary>Runs one conformance case and compares the outcome with OPA's expectation.</summary>
internal static class ConformanceRunner
{
    // Different OPA versions word the same conflict differently; the YAML files mix both forms.
    private static readonly string[][] EquivalentMessages =
    [
        ["complete rules must not produce multiple outputs", "produced conflicting values"],
        ["functions must not produce multiple outputs for same inputs", "produced conflicting values for the same inputs"],
    ];

    /// <summary>Returns null when the case passes, otherwise why it failed.</summary>
    public static string? Run(ConformanceCase c)
    {
        var options = new RegoCompileOptions
        {
            Syntax = c.V1 ? RegoSyntax.V1 : RegoSyntax.V0,
            PolicyMode = false,
            StrictBuiltinErrors = c.StrictError,
            Timeout = TimeSpan.FromSeconds(20),
        };
        var wantsError = c.WantError is not null || c.WantErrorCode is not null;
        List<CompiledPolicy.Row> rows;
        try
        {
            var modules = c.Modules.Select((m, i) => new RegoModule($"test-{i}.rego", m)).ToList();
            if (modules.Count == 0)
            {
                modules.Add(new RegoModule("empty.rego", "package __empty__"));
            }

            var data = c.Data is ObjectValue ? ValueJson.ToJsonString(c.Data) : null;
            var policy = RegoCompiler.Compile(modules, data, options);
            var input = c.InputTerm is not null ? GroundTerm.Parse(c.InputTerm) : c.Input;
            rows = policy.EvaluateCore(c.Query, input, c.StrictError, CancellationToken.None);
        }
        catch (RegoException e)
        {
            if (!wantsError)
            {
                return "unexpected error: " + e.Message;
            }

            if (c.WantErrorCode is not null && e.Code != c.WantErrorCode)
            {
                return $"error code {e.Code}, want {c.WantErrorCode}: {e.Message}";
            }

            if (c.WantErrorCode is null && c.WantError is not null && !MessageMatches(e.Message, c.WantError))
            {
                return $"error '{e.Message}', want '{c.WantError}'";
            }

            return null;
        }

        if (wantsError)
        {
            return $"expected error {c.WantErrorCode} {c.WantError}, got {rows.Count} result(s)";
        }

        if (c.WantResult is null)
        {
            return null;
        }

        var got = rows.Select(r => Normalize(new ObjectValue(r.Bindings.ToDictionary(p => (Value)new StringValue(p.Key), p => p.Value)), c.SortBindings)).ToList();
        var want = c.WantResult.Select(w => Normalize(w, c.SortBindings)).ToList();
        if (got.Count != want.Count || !want.All(w => got.Contains(w)) || !got.All(g => want.Contains(g)))
        {
            return $"got {Show(got)}, want {Show(want)}";
        }

        return null;
    }

    private static bool MessageMatches(string actual, string want)
    {
        if (actual.Contains(want, StringComparison.Ordinal))
        {
            return true;
        }

        return EquivalentMessages.Any(group => group.Any(x => want.Contains(x, StringComparison.Ordinal)) && group.Any(x => actual.Contains(x, StringComparison.Ordinal)));
    }

    private static string Show(List<Value> rows) => "[" + string.Join(", ", rows.Select(r => ValueJson.ToJsonString(r))) + "]";

    /// <summary>JSON-ifies a binding map like OPA's output: sets become arrays, non-string keys become JSON text.</summary>
    private static Value Normalize(Value v, bool sortTopLevel)
    {
        var j = Jsonify(v);
        if (sortTopLevel && j is ObjectValue o)
        {
            return new ObjectValue(o.Items.ToDictionary(p => p.Key, p => p.Value is ArrayValue a ? new ArrayValue(a.Items.Order().ToArray()) : p.Value));
        }

        return j;
    }

    private static Value Jsonify(Value v) => v switch
    {
        SetValue s => new ArrayValue(s.Sorted.Select(Jsonify).ToArray()),
        ArrayValue a => new ArrayValue(a.Items.Select(Jsonify).ToArray()),
        ObjectValue o => new ObjectValue(o.Items.ToDictionary(p => (Value)(p.Key is StringValue ? p.Key : new StringValue(ValueJson.ToJsonString(p.Key))), p => Jsonify(p.Value))),
        _ => v,
    };
}
