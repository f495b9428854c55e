namespace Cilock.Hardening.Tests.Adversarial;

/// <summary>The certificate tamper classes deny only because of their one deviation: the correct setup passes.</summary>
[TestClass]
public sealed class CertificateControlTests
{
    [TestMethod]
    [TestCategory("Integration")]
    public void Verify_LeafValidAtTimestamp_Passes()
    {
        using var ws = new TamperWorkspace(Pipeline.Baseline);
        CertificateEvidence.ValidLeaf(ws);

        var result = ws.Verify();

        Assert.AreEqual(0, result.ExitCode, string.Join("\n", result.Diagnostics));
    }
}
