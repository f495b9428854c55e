using System.Text;
using CsCheck;

namespace Cilock.Rego.Tests;

/// <summary>Random and mutated modules/inputs: the engine returns results or a RegoException, nothing else, and never hangs.</summary>
[TestClass]
public sealed class RobustnessTests
{
    private static readonly string[] Seeds =
    [
        """
        package ci.actions
        trusted_owners := ["actions/", "microsoft/", "nuget/"]
        deny[msg] {
            not input.refpinned
            msg := sprintf("%s is referenced by tag or branch", [input.actionref])
        }
        owner_trusted(ref) {
            startswith(ref, trusted_owners[_])
        }
        """,
        """
        package ci.trace
        import rego.v1
        environ_file(p) if regex.match(`^/proc/(self|[0-9]+)/environ$`, p)
        deny contains msg if {
            some proc in object.get(input, "processes", [])
            some path, _ in object.get(proc, "openedfiles", {})
            environ_file(path)
            every c in [1, 2] { c > 0 }
            msg := sprintf("pid %v opened %s", [proc.processid, path])
        }
        counts := {k: count(v) | some k, v in input}
        deny contains x if { x := json.marshal([y | y := input.xs[_] * 2]) with input.xs as [1] }
        """,
    ];

    private static readonly string[] Fragments =
    [
        "[", "]", "{", "}", "(", ")", "not ", "some ", " := ", " = ", " == ", "with input as 1 ", "every x in ", "\"", "`", "#",
        "_", "1e99999", "-", " contains ", " if ", "\n", ";", ".", ",", "|", "input", "data", "x", "count(", "default ", "else ",
        "import rego.v1\n", "numbers.range(1, 10)", "0.5", "18446744073709551617", "set()", "walk(input, [p, v])",
    ];

    private static readonly RegoCompileOptions Options = new() { Timeout = TimeSpan.FromSeconds(2), PolicyMode = true };

    private static readonly Gen<string> MutatedModule =
        Gen.Select(Gen.Int[0, Seeds.Length - 1], Gen.Int[1, 6].SelectMany(n => Gen.Select(Gen.Int[0, 2], Gen.Int[0, 100_000], Gen.Int[0, Fragments.Length - 1], Gen.Int[1, 12]).Array[n]))
            .Select(t =>
            {
                var sb = new StringBuilder(Seeds[t.Item1]);
                foreach (var (op, pos, frag, len) in t.Item2)
                {
                    var at = pos % (sb.Length + 1);
                    switch (op)
                    {
                        case 0:
                            sb.Insert(at, Fragments[frag]);
                            break;
                        case 1:
                            sb.Remove(Math.Min(at, sb.Length), Math.Min(len, sb.Length - Math.Min(at, sb.Length)));
                            break;
                        default:
                            var src = (pos / 7) % Math.Max(1, sb.Length);
                            var piece = sb.ToString(src, Math.Min(len, sb.Length - src));
                            sb.Insert(at, piece);
                            break;
                    }
                }

                return sb.ToString();
            });

    private static readonly Gen<string> RandomJson = Gen.Int[0, int.MaxValue].Select(seed =>
    {
        var rnd = new Random(seed);
        var sb = new StringBuilder();
        Json(rnd, sb, 0);
        return sb.ToString();
    });

    private static void Json(Random rnd, StringBuilder sb, int depth)
    {
        switch (depth > 4 ? rnd.Next(4) : rnd.Next(7))
        {
            case 0: sb.Append("null"); break;
            case 1: sb.Append(rnd.Next(2) == 0 ? "true" : "false"); break;
            case 2: sb.Append(rnd.Next(3) == 0 ? "1e300" : (rnd.NextDouble() * 1000 - 500).ToString("R", System.Globalization.CultureInfo.InvariantCulture)); break;
            case 3: sb.Append('"').Append(new[] { "/proc/self/environ", "actions/x@v1", "", "ü\\n", "x" }[rnd.Next(5)]).Append('"'); break;
            case 4 or 5:
                sb.Append('{');
                var n = rnd.Next(4);
                for (var i = 0; i < n; i++)
                {
                    sb.Append(i > 0 ? "," : "").Append('"').Append(new[] { "processes", "openedfiles", "refpinned", "actionref", "xs", "processid" }[rnd.Next(6)]).Append(i).Append("\":");
                    Json(rnd, sb, depth + 1);
                }

                sb.Append('}');
                break;
            default:
                sb.Append('[');
                var m = rnd.Next(4);
                for (var i = 0; i < m; i++)
                {
                    sb.Append(i > 0 ? "," : "");
                    Json(rnd, sb, depth + 1);
                }

                sb.Append(']');
                break;
        }
    }

    [TestMethod]
    public void MutatedModules_OnlyResultsOrRegoExceptions()
    {
        Gen.Select(MutatedModule, RandomJson).Sample(t =>
        {
            var (module, input) = t;
            try
            {
                var policy = RegoCompiler.Compile([new RegoModule("fuzz.rego", module)], null, Options);
                policy.EvaluateDeny(input);
                foreach (var pkg in policy.Packages)
                {
                    policy.Evaluate("data." + pkg, input);
                }
            }
            catch (RegoException)
            {
                // A coded error is an acceptable outcome.
            }
        }, iter: 400);
    }

    [TestMethod]
    public void RandomInputs_ExamplePolicies_NeverThrowFromEvaluateDeny()
    {
        var policies = Seeds.Select(s => RegoCompiler.Compile([new RegoModule("seed.rego", s)], null, Options)).ToList();
        RandomJson.Sample(input =>
        {
            foreach (var p in policies)
            {
                var r = p.EvaluateDeny(input);
                Assert.IsTrue(r.Failed || r.Reasons.All(x => x is not null));
            }
        }, iter: 300);
    }

    [TestMethod]
    public void RandomQueryText_OnlyResultsOrRegoExceptions()
    {
        var policy = RegoCompiler.Compile([new RegoModule("seed.rego", Seeds[1])], null, Options);
        Gen.Int[1, 8].SelectMany(n => Gen.Int[0, Fragments.Length - 1].Array[n]).Sample(parts =>
        {
            var query = string.Concat(parts.Select(i => Fragments[i]));
            try
            {
                policy.Evaluate(query, """{"xs":[1,2],"processes":[]}""");
            }
            catch (RegoException)
            {
                // expected for most random text
            }
        }, iter: 400);
    }
}
