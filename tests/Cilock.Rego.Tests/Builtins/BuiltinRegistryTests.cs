using Cilock.Rego.Builtins;
using Cilock.TestUtilities;

namespace Cilock.Rego.Tests.Builtins;

[TestClass]
public sealed class BuiltinRegistryTests
{
    [TestMethod]
    public void Docs_ListEveryBuiltin()
    {
        var doc = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "rego.md"));
        var missing = BuiltinRegistry.All.Where(b => !b.Name.StartsWith("internal.", StringComparison.Ordinal) && !doc.Contains("`" + b.Name + "`", StringComparison.Ordinal)).Select(b => b.Name).ToList();
        Assert.IsEmpty(missing, "docs/rego.md does not list: " + string.Join(", ", missing));
    }

    [TestMethod]
    [DataRow("http.send")]
    [DataRow("opa.runtime")]
    [DataRow("net.lookup_ip_addr")]
    [DataRow("net.cidr_contains")]
    [DataRow("net.cidr_intersects")]
    [DataRow("net.cidr_merge")]
    [DataRow("net.cidr_expand")]
    public void Find_UnsafeBuiltinInPolicyMode_IsAbsent(string name)
    {
        Assert.IsNull(BuiltinRegistry.Find(name, policyMode: true));
        Assert.IsNotNull(BuiltinRegistry.Find(name, policyMode: false));
    }

    [TestMethod]
    [DataRow("count")]
    [DataRow("sprintf")]
    [DataRow("startswith")]
    [DataRow("endswith")]
    [DataRow("contains")]
    [DataRow("lower")]
    [DataRow("upper")]
    [DataRow("split")]
    [DataRow("concat")]
    [DataRow("object.get")]
    [DataRow("object.keys")]
    [DataRow("regex.match")]
    [DataRow("glob.match")]
    [DataRow("is_array")]
    [DataRow("is_string")]
    [DataRow("is_null")]
    [DataRow("array.concat")]
    [DataRow("json.unmarshal")]
    [DataRow("base64.decode")]
    [DataRow("time.now_ns")]
    [DataRow("time.parse_rfc3339_ns")]
    public void Find_BuiltinRealPoliciesUse_IsAvailableInPolicyMode(string name) =>
        Assert.IsNotNull(BuiltinRegistry.Find(name, policyMode: true));
}
