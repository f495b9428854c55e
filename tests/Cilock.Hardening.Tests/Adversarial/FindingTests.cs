using System.Text.Json.Nodes;
using Cilock.Attestation.InToto;

namespace Cilock.Hardening.Tests.Adversarial;

/// <summary>
/// Tamper classes that the product does not deny yet. Each test is written to fail today and pass once the finding is
/// fixed; it stays ignored (with the finding in the reason) so the suite is green and the gap is visible.
/// </summary>
[TestClass]
public sealed class FindingTests
{
    [TestMethod]
    [TestCategory("Integration")]
    public void Verify_PathTraversalInProductLeaves_Denied()
    {
        using var ws = new TamperWorkspace(Pipeline.Baseline);
        var s = ws.Statement("package");
        var tree = TamperWorkspace.Attestation(s, "/product/");
        var files = tree["leaves"]!.AsArray().ToDictionary(l => "../../outside/" + l!["path"]!.GetValue<string>(), l => l!["fileDigest"]!.GetValue<string>());
        var leaves = MerkleTree.BuildLeaves(files);
        tree["leaves"] = new JsonArray([.. leaves.Select(l => (JsonNode)new JsonObject { ["path"] = l.Path, ["fileDigest"] = l.FileDigest, ["leafHash"] = l.LeafHash })]);
        foreach (var subject in s["subject"]!.AsArray())
        {
            subject!["name"] = subject["name"]!.GetValue<string>().Replace("file:", "file:../../outside/", StringComparison.Ordinal);
        }

        ws.Sign("package", s, "package");

        var result = ws.Verify();

        Assert.AreEqual(1, result.ExitCode, string.Join("\n", result.Diagnostics));
        StringAssert.Contains(string.Join("\n", result.Diagnostics.Select(d => d.Message)), "climbs out of the working directory");
    }
}
