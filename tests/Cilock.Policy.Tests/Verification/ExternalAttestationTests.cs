using System.Text.Json.Nodes;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.InToto;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Evidence;
using Cilock.Policy.Model;
using Cilock.Policy.Tests.Support;
using Cilock.Policy.Verification;

namespace Cilock.Policy.Tests.Verification;

/// <summary>cilock <c>externalAttestations</c> (policy.md §4 step 3) and their use in cross-step Rego input.</summary>
[TestClass]
public sealed class ExternalAttestationTests
{
    private const string ScanType = "https://example.com/vuln-scan/v1";

    [TestMethod]
    public void Verify_RequiredExternalMissing_Fails()
    {
        var p = new Pipeline();
        var policy = WithExternal(p, required: null);

        var result = PolicyVerifierPipelineTests.Run(p, policy, p.Sign());

        Assert.IsFalse(result.Passed);
        Assert.AreEqual(PolicyDiagnostics.ExternalFailed, result.Externals.Single().Rejections.Single().Reason.Code);
    }

    [TestMethod]
    public void Verify_OptionalExternalMissing_Passes()
    {
        var p = new Pipeline();

        Assert.IsTrue(PolicyVerifierPipelineTests.Run(p, WithExternal(p, required: false), p.Sign()).Passed);
    }

    [TestMethod]
    [DataRow(0, true)]
    [DataRow(3, false)]
    public void Verify_ExternalWithRego_FeedsCrossStepInput(int critical, bool passes)
    {
        var p = new Pipeline();
        var policy = WithExternal(p, required: true);
        policy.ExternalAttestations!["scan"].RegoPolicies = [Policies.Rego("scan.rego", "package scan\nimport rego.v1\ndeny contains \"scanner failed\" if input.status != \"ok\"\n")];
        var pack = policy.Steps!["pack"];
        pack.ExternalFrom = ["scan"];
        pack.Attestations![1].RegoPolicies = [Policies.Rego("gate.rego", "package gate\nimport rego.v1\ndeny contains sprintf(\"%v critical findings\", [input.external.scan.critical]) if input.external.scan.critical > 0\n")];
        var scan = External(p, new JsonObject { ["status"] = "ok", ["critical"] = critical });

        var result = PolicyVerifierPipelineTests.Run(p, policy, [.. p.Sign(), scan]);

        Assert.AreEqual(passes, result.Passed, string.Join("\n", result.Reasons));
        Assert.IsTrue(result.Externals.Single().Passed);
        if (!passes)
        {
            StringAssert.Contains(PolicyVerifierPipelineTests.Single(result, "pack", PolicyDiagnostics.RegoDeny), "3 critical findings");
        }
    }

    [TestMethod]
    public void Verify_ExternalSignedByStranger_Fails()
    {
        var p = new Pipeline();
        var scan = External(p, new JsonObject { ["status"] = "ok" }, TestKey.Create());

        var result = PolicyVerifierPipelineTests.Run(p, WithExternal(p, required: true), [.. p.Sign(), scan]);

        Assert.IsFalse(result.Passed);
        Assert.AreEqual(PolicyDiagnostics.EnvelopeSignatureInvalid, result.Externals.Single().Rejections.Single().Reason.Code);
    }

    private static PolicyDocument WithExternal(Pipeline p, bool? required)
    {
        var policy = p.Policy();
        policy.ExternalAttestations = new()
        {
            ["scan"] = new ExternalAttestation
            {
                Name = "scan",
                PredicateType = ScanType,
                Required = required,
                Functionaries = [new Functionary { Type = "publickey", PublicKeyId = p.PackKey.KeyId }],
            },
        };
        return policy;
    }

    private static EvidenceEnvelope External(Pipeline p, JsonObject predicate, TestKey? signer = null)
    {
        var statement = new Statement(ScanType, [new Subject("App.1.0.0.nupkg", [new("sha256", Pipeline.ArtifactSha256)])], predicate);
        return new EvidenceEnvelope("scan.json", DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, statement.ToJsonBytes(), [(signer ?? p.PackKey).Signer]));
    }
}
