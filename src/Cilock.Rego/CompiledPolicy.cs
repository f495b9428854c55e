using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Cilock.Rego.Ast;
using Cilock.Rego.Compilation;
using Cilock.Rego.Interpretation;
using Cilock.Rego.Values;

namespace Cilock.Rego;

/// <summary>A compiled set of Rego modules. Immutable and thread-safe; evaluate it any number of times.</summary>
public sealed class CompiledPolicy
{
    private readonly CompiledProgram _program;
    private readonly ConcurrentDictionary<string, (Literal[] Body, List<string> Vars)> _queries = new(StringComparer.Ordinal);

    internal CompiledPolicy(CompiledProgram program)
    {
        _program = program;
        Packages = program.Modules.Select(m => string.Join('.', m.Package)).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The distinct package paths of the modules, in module order (e.g. <c>ci.secrets</c>).</summary>
    public IReadOnlyList<string> Packages { get; }

    internal CompiledProgram Program => _program;

    /// <summary>Evaluates a query (e.g. <c>data.ci.secrets.deny</c> or <c>x := data.p[_]</c>) like <c>opa eval</c>.</summary>
    /// <param name="query">The Rego query.</param>
    /// <param name="inputJson">The input document as JSON, or null for no input (refs to <c>input</c> are undefined).</param>
    /// <param name="ct">Cancels the evaluation (raises <see cref="RegoException"/> with code <c>eval_cancel_error</c>).</param>
    /// <exception cref="RegoException">Parse/compile errors in the query, invalid input, or evaluation errors.</exception>
    public RegoQueryResult Evaluate(string query, string? inputJson, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var input = ParseInput(inputJson);
        var rows = EvaluateCore(query, input, null, ct);
        var results = rows.Select(r => new RegoResult(r.Expressions, r.Bindings.ToDictionary(p => p.Key, p => ToNode(p.Value)))).ToList();
        return new RegoQueryResult(results);
    }

    /// <summary>
    /// Evaluates <c>data.&lt;package&gt;.deny</c> for every distinct package and applies rego-contract §3 (CL semantics):
    /// strings are reasons, other elements are stringified, object keys are reasons, an undefined <c>deny</c> fails
    /// (unless <see cref="RegoCompileOptions.MissingDenyPasses"/>), and a boolean/string/number <c>deny</c> fails.
    /// Evaluation errors are reported in <see cref="DenyResult.Error"/>, never thrown.
    /// </summary>
    public DenyResult EvaluateDeny(string inputJson, CancellationToken ct = default)
    {
        Value input;
        try
        {
            input = ParseInput(inputJson) ?? throw new RegoException("rego_input_error", "input is required");
        }
        catch (RegoException e)
        {
            return new DenyResult([], e.Message);
        }

        var reasons = new List<string>();
        try
        {
            var interpreter = new Interpreter(_program, ct);
            var ctx = new EvalContext { Input = input };
            foreach (var pkg in Packages)
            {
                var path = pkg.Split('.').Append("deny").Select(s => (Term)new ScalarTerm(default, new StringValue(s))).ToArray();
                var refTerm = new RefTerm(default, new VarTerm(default, "data"), path);
                Value? deny = null;
                interpreter.EvalTerm(refTerm, new Env(), ctx, v =>
                {
                    deny = v;
                    return false;
                });
                switch (deny)
                {
                    case null:
                        if (_program.Options.MissingDenyPasses)
                        {
                            continue;
                        }

                        return new DenyResult(reasons, $"data.{pkg}.deny is undefined (the package defines no deny rule or it produced no value)");
                    case SetValue s:
                        reasons.AddRange(s.Sorted.Select(Reason));
                        break;
                    case ArrayValue a:
                        reasons.AddRange(a.Items.Select(Reason));
                        break;
                    case ObjectValue o:
                        reasons.AddRange(o.SortedKeys.Select(Reason));
                        break;
                    default:
                        return new DenyResult(reasons, $"data.{pkg}.deny must be a set, array or object but is a {deny.TypeName}");
                }
            }
        }
        catch (RegoException e)
        {
            return new DenyResult(reasons, e.Message);
        }

        return new DenyResult(reasons, null);

        static string Reason(Value v) => v is StringValue s ? s.Value : ValueJson.ToJsonString(v);
    }

    internal sealed record Row(IReadOnlyList<RegoExpressionValue> Expressions, IReadOnlyDictionary<string, Value> Bindings);

    /// <summary>Evaluates a query and returns raw values (used by the tests and the CLI).</summary>
    internal List<Row> EvaluateCore(string query, Value? input, bool? strict, CancellationToken ct)
    {
        var (body, vars) = _queries.GetOrAdd(query, q =>
        {
            var b = Compiler.CompileQuery(_program, q, out var v);
            return (b, v);
        });
        var interpreter = new Interpreter(_program, ct, strict);
        var ctx = new EvalContext { Input = input };
        var env = new Env();
        var values = new Value?[body.Length];
        var rows = new List<Row>();
        var ordered = body.OrderBy(l => l.Index).ToArray();
        interpreter.EvalQueryBody(body, 0, env, ctx, values, () =>
        {
            var bindings = new Dictionary<string, Value>(StringComparer.Ordinal);
            foreach (var v in vars)
            {
                if (env.Get(v) is { } val)
                {
                    bindings[v] = val;
                }
            }

            var exprs = ordered.Select(l => new RegoExpressionValue(ToNode(values[l.Index] ?? BoolValue.True), l.Text, l.Loc.Line, l.Loc.Column)).ToList();
            rows.Add(new Row(exprs, bindings));
            return true;
        });
        return rows;
    }

    private static Value? ParseInput(string? inputJson)
    {
        if (inputJson is null)
        {
            return null;
        }

        try
        {
            return ValueJson.Parse(inputJson);
        }
        catch (FormatException e)
        {
            throw new RegoException("rego_input_error", "input: " + e.Message);
        }
    }

    private static JsonNode? ToNode(Value v)
    {
        try
        {
            return JsonNode.Parse(ValueJson.ToJsonString(v), documentOptions: new System.Text.Json.JsonDocumentOptions { MaxDepth = ValueJson.MaxOutputDepth + 1 });
        }
        catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException)
        {
            throw new RegoException("rego_output_error", $"result nests deeper than {ValueJson.MaxOutputDepth} levels");
        }
    }
}
