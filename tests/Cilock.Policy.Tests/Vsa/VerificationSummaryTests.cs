using System.Text.Json.Nodes;
using Cilock.Attestation.Dsse;
using Cilock.Policy.Tests.Support;
using Cilock.Policy.Tests.Verification;
using Cilock.Policy.Verification;
using Cilock.Policy.Vsa;

namespace Cilock.Policy.Tests.Vsa;

[TestClass]
public sealed class VerificationSummaryTests
{
    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void Build_PassAndFail_CarryResultPolicyDigestAndInputs(bool tamper)
    {
        var p = new Pipeline();
        if (tamper)
        {
            p.Pack.Materials["bin/App.dll"] = "other";
        }

        var opts = Policies.Options();
        var policy = Policies.Load(p.Policy(), p.PolicyKey, opts);
        var envelopes = p.Sign();
        var subjects = new VerificationSubjects([], Pipeline.ArtifactSha256, "App.1.0.0.nupkg");
        var result = new PolicyVerifier(policy, opts).Verify(envelopes, subjects);

        var statement = VerificationSummary.Build(result, policy, subjects, FixedTime.Default);
        var predicate = statement.Predicate!.AsObject();

        Assert.AreEqual(VerificationSummary.PredicateType, statement.PredicateType);
        Assert.AreEqual(tamper ? "FAILED" : "PASSED", predicate["verificationResult"]!.GetValue<string>());
        Assert.AreEqual(policy.PayloadSha256, predicate["policy"]!["digest"]!["sha256"]!.GetValue<string>());
        Assert.AreEqual("App.1.0.0.nupkg", predicate["resourceUri"]!.GetValue<string>());
        Assert.AreEqual("1.0", predicate["slsaVersion"]!.GetValue<string>());
        var inputs = predicate["inputAttestations"]!.AsArray().Select(i => i!["digest"]!["sha256"]!.GetValue<string>()).ToList();
        CollectionAssert.IsSubsetOf(inputs, envelopes.Select(e => e.PayloadSha256).ToList());
        Assert.AreEqual(3, inputs.Count, "on fail the rejected collections are listed too; on pass all three passed");
        Assert.IsTrue(statement.Subjects.Any(s => s.Name == "App.1.0.0.nupkg" && s.Digest["sha256"] == Pipeline.ArtifactSha256));
        Assert.AreEqual(tamper, predicate["denyReasons"]!.AsArray().Count > 0);
    }

    [TestMethod]
    public void Serialize_WithSigner_IsVerifiableEnvelope()
    {
        var p = new Pipeline();
        var opts = Policies.Options();
        var policy = Policies.Load(p.Policy(), p.PolicyKey, opts);
        var subjects = new VerificationSubjects([], Pipeline.ArtifactSha256);
        var statement = VerificationSummary.Build(new PolicyVerifier(policy, opts).Verify(p.Sign(), subjects), policy, subjects, FixedTime.Default);
        var signer = TestKey.Create();

        var envelope = DsseEnvelope.Parse(VerificationSummary.Serialize(statement, signer.Signer));
        var bare = JsonNode.Parse(VerificationSummary.Serialize(statement, null))!;

        Assert.IsTrue(DsseVerifier.Verify(envelope, new DsseVerificationOptions { Verifiers = [signer.Verifier] }).IsValid);
        Assert.AreEqual(VerificationSummary.PredicateType, bare["predicateType"]!.GetValue<string>());
    }
}
