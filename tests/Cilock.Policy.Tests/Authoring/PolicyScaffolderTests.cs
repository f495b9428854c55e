using Cilock.Attestation.Attestors;
using Cilock.Attestation.Diagnostics;
using Cilock.Policy.Authoring;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Model;
using Cilock.Policy.Tests.Support;
using Cilock.Policy.Tests.Verification;
using Cilock.Policy.Verification;

namespace Cilock.Policy.Tests.Authoring;

[TestClass]
public sealed class PolicyScaffolderTests
{
    [TestMethod]
    [DataRow(Dialect.Cilock)]
    [DataRow(Dialect.Witness)]
    public void Scaffold_FromPipeline_VerifiesItsEvidenceAndFailsAfterProductChange(Dialect dialect)
    {
        var p = new Pipeline(dialect);
        var evidence = p.Sign();
        var keys = new[] { p.BuildKey, p.TestKey, p.PackKey }.Select(k => new PolicyKey(k.Verifier, k.PublicPem)).ToList();

        var policy = PolicyScaffolder.Scaffold(evidence, keys, new FixedTime(), new List<Diagnostic>());

        Assert.AreEqual(FixedTime.Default.AddYears(1), policy.Expires);
        CollectionAssert.AreEquivalent(new[] { "build", "test", "pack" }, policy.Steps!.Keys.ToArray());
        CollectionAssert.AreEqual(new[] { "build" }, policy.Steps["pack"].ArtifactsFrom!.ToArray());
        CollectionAssert.AreEqual(new[] { "build" }, policy.Steps["test"].ArtifactsFrom!.ToArray());
        Assert.AreEqual(p.PackKey.KeyId, policy.Steps["pack"].Functionaries!.Single().PublicKeyId);
        Assert.IsNull(policy.Steps["pack"].Functionaries!.Single().CertConstraint, "key functionaries are written without certConstraint");

        // Round trip through the writer and a signature, as 'policy new' + 'policy sign' do.
        var reloaded = PolicyReader.Parse(PolicyWriter.Serialize(policy));
        Assert.IsTrue(PolicyVerifierPipelineTests.Run(p, reloaded, evidence).Passed);

        p.Build.Products["bin/App.dll"] = "rebuilt differently";
        var changed = PolicyVerifierPipelineTests.Run(p, reloaded, p.Sign());
        Assert.IsFalse(changed.Passed);
    }

    [TestMethod]
    public void Scaffold_WithoutKeys_Refused()
    {
        var p = new Pipeline();

        var e = Assert.ThrowsExactly<CilockException>(() => PolicyScaffolder.Scaffold(p.Sign(), [], new FixedTime(), new List<Diagnostic>()));

        Assert.AreEqual(PolicyDiagnostics.PolicyKeyInvalid, e.Code);
    }

    [TestMethod]
    public void Scaffold_KeyThatSignedNothing_WarnsAndLeavesNoFunctionary()
    {
        var p = new Pipeline();
        var stranger = TestKey.Create();
        var diagnostics = new List<Diagnostic>();

        var policy = PolicyScaffolder.Scaffold(p.Sign(), [new PolicyKey(stranger.Verifier, stranger.PublicPem)], new FixedTime(), diagnostics);

        Assert.AreEqual(3, diagnostics.Count(d => d.Code == PolicyDiagnostics.NotAFunctionary));
        Assert.IsTrue(policy.Steps!.Values.All(s => s.Functionaries!.Count == 0));
    }
}
