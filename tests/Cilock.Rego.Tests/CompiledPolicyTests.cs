using System.Text.Json.Nodes;

namespace Cilock.Rego.Tests;

[TestClass]
public sealed class CompiledPolicyTests
{
    private static CompiledPolicy Compile(string module, RegoCompileOptions? options = null, string? data = null) =>
        RegoCompiler.Compile([new RegoModule("p.rego", module)], data, options);

    [TestMethod]
    [DataRow("deny := {\"a\": 1, \"b\": 2}", new[] { "a", "b" })]
    [DataRow("deny := [1, \"x\", {\"k\": true}]", new[] { "1", "x", "{\"k\":true}" })]
    [DataRow("deny := set()", new string[0])]
    [DataRow("deny := []", new string[0])]
    [DataRow("deny contains 3 if true", new[] { "3" })]
    public void EvaluateDeny_CollectionShapes_FollowClTable(string rule, string[] reasons)
    {
        var r = Compile("package t\nimport rego.v1\n" + rule).EvaluateDeny("{}");
        Assert.IsNull(r.Error);
        CollectionAssert.AreEquivalent(reasons, r.Reasons.ToArray());
    }

    [TestMethod]
    [DataRow("deny := true")]
    [DataRow("deny := \"no\"")]
    [DataRow("deny := 1")]
    [DataRow("deny := null")]
    public void EvaluateDeny_ScalarDeny_Fails(string rule)
    {
        var r = Compile("package t\nimport rego.v1\n" + rule).EvaluateDeny("{}");
        Assert.IsTrue(r.Failed);
        StringAssert.Contains(r.Error, "data.t.deny must be a set, array or object");
    }

    [TestMethod]
    public void EvaluateDeny_UndefinedDeny_FailsUnlessWitnessCompat()
    {
        const string module = "package t\nimport rego.v1\ndeny := [\"x\"] if input.never";
        Assert.IsTrue(Compile(module).EvaluateDeny("{}").Failed);
        var compat = Compile(module, new RegoCompileOptions { MissingDenyPasses = true }).EvaluateDeny("{}");
        Assert.IsTrue(compat.Passed);
    }

    [TestMethod]
    public void EvaluateDeny_TwoPackages_ReasonsFromBoth()
    {
        var policy = RegoCompiler.Compile([
            new RegoModule("a.rego", "package a\nimport rego.v1\ndeny contains \"from a\" if true"),
            new RegoModule("b.rego", "package b\nimport rego.v1\ndeny contains \"from b\" if input.x == 1"),
        ]);
        CollectionAssert.AreEqual(new[] { "a", "b" }, policy.Packages.ToArray());
        CollectionAssert.AreEqual(new[] { "from a", "from b" }, policy.EvaluateDeny("""{"x":1}""").Reasons.ToArray());
    }

    [TestMethod]
    public void EvaluateDeny_BuiltinErrorInPolicyMode_FailsStrictly()
    {
        var r = Compile("package t\nimport rego.v1\ndeny contains x if x := 1 / input.zero").EvaluateDeny("""{"zero":0}""");
        Assert.IsTrue(r.Failed);
        StringAssert.Contains(r.Error, "eval_builtin_error");
        StringAssert.Contains(r.Error, "divide by zero");
    }

    [TestMethod]
    public void Evaluate_BuiltinErrorOutsideStrictMode_IsUndefined()
    {
        var policy = Compile("package t\nimport rego.v1\np := 1 / input.zero", new RegoCompileOptions { PolicyMode = false });
        Assert.IsTrue(policy.Evaluate("data.t.p", """{"zero":0}""").IsUndefined);
    }

    [TestMethod]
    [DataRow("http.send({\"url\": \"http://x\"})", "http.send")]
    [DataRow("opa.runtime()", "opa.runtime")]
    [DataRow("net.lookup_ip_addr(\"example.com\")", "net.lookup_ip_addr")]
    [DataRow("net.cidr_contains(\"10.0.0.0/8\", \"10.1.1.1\")", "net.cidr_contains")]
    [DataRow("no.such.builtin(1)", "no.such.builtin")]
    public void Compile_DisabledOrUnknownBuiltin_FailsNamingIt(string call, string name)
    {
        var e = Assert.Throws<RegoException>(() => Compile($"package t\nimport rego.v1\np := x if x := {call}"));
        Assert.AreEqual("rego_type_error", e.Code);
        StringAssert.Contains(e.Message, "undefined function " + name);
    }

    [TestMethod]
    public void Compile_CidrContainsOutsidePolicyMode_Works()
    {
        var policy = Compile("package t\nimport rego.v1\np := net.cidr_contains(\"10.0.0.0/8\", \"10.1.1.1\")", new RegoCompileOptions { PolicyMode = false });
        Assert.AreEqual("true", policy.Evaluate("data.t.p", null).Results[0].Expressions[0].Value!.ToJsonString());
    }

    [TestMethod]
    [DataRow("p if { q }\nq if { p }", "rego_recursion_error")]
    [DataRow("f(x) := f(x)", "rego_recursion_error")]
    [DataRow("p if { x > 1 }", "rego_unsafe_var_error")]
    [DataRow("p contains x if { not x }", "rego_unsafe_var_error")]
    [DataRow("p := 1 if {", "rego_parse_error")]
    [DataRow("p if { x := 1; x := 2 }", "rego_compile_error")]
    [DataRow("p if { input.a == x; x := 1 }", "rego_compile_error")]
    [DataRow("f(x) := y if { x := 1; y := x }", "rego_compile_error")]
    [DataRow("p := 1\np := 2 if { false }\nq := count(1, 2, 3)", "rego_type_error")]
    public void Compile_InvalidModule_ThrowsCodedError(string body, string code)
    {
        var e = Assert.Throws<RegoException>(() => Compile("package t\nimport rego.v1\n" + body));
        Assert.AreEqual(code, e.Code, e.Message);
        Assert.AreEqual("p.rego", e.File);
        Assert.IsGreaterThan(0, e.Line);
    }

    [TestMethod]
    public void Evaluate_CompleteRuleTwoValues_ThrowsConflict()
    {
        var policy = Compile("package t\nimport rego.v1\np := 1 if true\np := 2 if true");
        var e = Assert.Throws<RegoException>(() => policy.Evaluate("data.t.p", null));
        Assert.AreEqual("eval_conflict_error", e.Code);
    }

    [TestMethod]
    public void Evaluate_ExpensiveQuery_TimesOut()
    {
        var policy = Compile(
            "package t\nimport rego.v1\np := count([1 | some a in numbers.range(1, 3000); some b in numbers.range(1, 3000); a != b])",
            new RegoCompileOptions { Timeout = TimeSpan.FromMilliseconds(50) });
        var e = Assert.Throws<RegoException>(() => policy.Evaluate("data.t.p", null));
        Assert.AreEqual("eval_cancel_error", e.Code);
    }

    [TestMethod]
    public void Evaluate_CancelledToken_Throws()
    {
        var policy = Compile("package t\nimport rego.v1\np := count([1 | some a in numbers.range(1, 100000)])");
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        var e = Assert.Throws<RegoException>(() => policy.Evaluate("data.t.p", null, cts.Token));
        Assert.AreEqual("eval_cancel_error", e.Code);
    }

    [TestMethod]
    public void Evaluate_DeeplyNestedInput_RefusedClearly()
    {
        var deep = new string('[', 10_000) + new string(']', 10_000);
        var policy = Compile("package t\nimport rego.v1\np := input");
        var e = Assert.Throws<RegoException>(() => policy.Evaluate("data.t.p", deep));
        Assert.AreEqual("rego_input_error", e.Code);
        StringAssert.Contains(e.Message, "maximum depth");
        Assert.IsTrue(policy.EvaluateDeny(deep).Failed);
    }

    [TestMethod]
    public void Evaluate_ResultNestedBeyondOutputLimit_CodedError()
    {
        // 999 levels of input wrapped by three rules of 350 literal levels each: 2,049 > 2,000.
        var sb = new System.Text.StringBuilder("package t\nimport rego.v1\np0 := input\n");
        for (var i = 1; i <= 3; i++)
        {
            sb.Append($"p{i} := {new string('[', 350)}p{i - 1}{new string(']', 350)}\n");
        }

        var input = new string('[', 999) + new string(']', 999);
        var e = Assert.Throws<RegoException>(() => Compile(sb.ToString()).Evaluate("data.t.p3", input));
        Assert.AreEqual("rego_output_error", e.Code, e.Message);
    }

    [TestMethod]
    public void Compile_DeeplyNestedSource_ParseErrorNotStackOverflow()
    {
        var deep = "package t\np := " + new string('[', 10_000) + new string(']', 10_000);
        var e = Assert.Throws<RegoException>(() => RegoCompiler.Compile([new RegoModule("deep.rego", deep)]));
        Assert.AreEqual("rego_parse_error", e.Code);
    }

    [TestMethod]
    [DataRow(300)]
    [DataRow(5000)]
    public void Evaluate_LongRuleChainOnSmallStack_ResultOrCodedErrorNeverCrash(int length)
    {
        var sb = new System.Text.StringBuilder("package t\nimport rego.v1\n");
        for (var i = 0; i < length; i++)
        {
            sb.Append($"f{i}(x) := f{i + 1}(x) + 1\n");
        }

        sb.Append($"f{length}(x) := x\np := f0(0)\n");
        Exception? failure = null;
        string? value = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    value = Compile(sb.ToString()).Evaluate("data.t.p", null).Results[0].Expressions[0].Value!.ToJsonString();
                }
                catch (Exception e)
                {
                    failure = e;
                }
            },
            maxStackSize: 1024 * 1024);
        thread.Start();
        thread.Join();
        if (failure is null)
        {
            Assert.AreEqual(length.ToString(System.Globalization.CultureInfo.InvariantCulture), value);
        }
        else
        {
            Assert.IsInstanceOfType<RegoException>(failure, failure.ToString());
            Assert.IsTrue(((RegoException)failure).Code is "eval_recursion_error" or "rego_compile_error", failure.Message);
        }
    }

    [TestMethod]
    public void Evaluate_QueryResult_HasOpaEvalShape()
    {
        var policy = Compile("package t\nimport rego.v1\ndeny contains \"b\" if true\ndeny contains \"a\" if true");
        var json = JsonNode.Parse(policy.Evaluate("data.t.deny", "{}").ToJson())!;
        var expr = json["result"]![0]!["expressions"]![0]!;
        Assert.AreEqual("""["a","b"]""", expr["value"]!.ToJsonString());
        Assert.AreEqual("data.t.deny", expr["text"]!.GetValue<string>());
        Assert.AreEqual(1, expr["location"]!["row"]!.GetValue<int>());
        Assert.AreEqual(1, expr["location"]!["col"]!.GetValue<int>());
        Assert.IsNull(json["result"]![0]!["bindings"]);
        Assert.AreEqual("{}", policy.Evaluate("data.t.nothing", "{}").ToJson());
    }

    [TestMethod]
    public void Evaluate_QueryWithVariables_ReturnsBindingsPerSolution()
    {
        var policy = Compile("package t\nimport rego.v1\nxs := [10, 20]");
        var result = policy.Evaluate("x := data.t.xs[i]", null);
        Assert.HasCount(2, result.Results);
        Assert.AreEqual("10", result.Results[0].Bindings["x"]!.ToJsonString());
        Assert.AreEqual("1", result.Results[1].Bindings["i"]!.ToJsonString());
        Assert.AreEqual("true", result.Results[0].Expressions[0].Value!.ToJsonString());
    }

    [TestMethod]
    public void Evaluate_BigNumbers_StayExact()
    {
        var policy = Compile("package t\nimport rego.v1\np := input.n + 1\nq := 0.1 + 0.2");
        Assert.AreEqual("18446744073709551618", policy.Evaluate("data.t.p", """{"n":18446744073709551617}""").Results[0].Expressions[0].Value!.ToJsonString());
        Assert.AreEqual("0.3", policy.Evaluate("data.t.q", null).Results[0].Expressions[0].Value!.ToJsonString());
    }

    [TestMethod]
    public void Evaluate_BaseDataAndWith_Combine()
    {
        var policy = Compile("package t\nimport rego.v1\nallowed contains u if { some u in data.users; u != data.blocked }", data: """{"users":["a","b"],"blocked":"b"}""");
        Assert.AreEqual("""["a"]""", policy.Evaluate("data.t.allowed", null).Results[0].Expressions[0].Value!.ToJsonString());
        Assert.AreEqual("""["b"]""", policy.Evaluate("x := data.t.allowed with data.blocked as \"a\"", null).Results[0].Bindings["x"]!.ToJsonString());
    }

    [TestMethod]
    public void Evaluate_ConcurrentCallers_SeeSameResults()
    {
        var policy = Compile("package t\nimport rego.v1\ndeny contains sprintf(\"%v\", [x]) if { some x in input.xs; x > 5 }");
        var results = Enumerable.Range(0, 64).AsParallel().Select(i => policy.EvaluateDeny($$"""{"xs":[{{i}}, 6, 7]}""").Reasons.Count).ToList();
        Assert.IsTrue(results.Select((c, i) => c == (i > 5 && i != 6 && i != 7 ? 3 : 2)).All(x => x));
    }

    [TestMethod]
    public void Print_WritesToConfiguredOutput()
    {
        var output = new StringWriter();
        var policy = Compile("package t\nimport rego.v1\np if { print(\"hello\", input.x, input.missing) }", new RegoCompileOptions { PrintOutput = output });
        Assert.IsFalse(policy.Evaluate("data.t.p", """{"x":1}""").IsUndefined);
        Assert.AreEqual("hello 1 <undefined>", output.ToString().Trim());
    }
}
