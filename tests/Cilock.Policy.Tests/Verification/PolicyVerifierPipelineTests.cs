using Cilock.Attestation.Attestors;
using Cilock.Attestation.InToto;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Model;
using Cilock.Policy.Tests.Support;
using Cilock.Policy.Verification;

namespace Cilock.Policy.Tests.Verification;

/// <summary>End-to-end verdicts over in-test pipelines in both dialects (fixtures.md §4.5–4.6, issue #6 tamper classes).</summary>
[TestClass]
public sealed class PolicyVerifierPipelineTests
{
    private static readonly VerificationSubjects Artifact = new([], Pipeline.ArtifactSha256, "App.1.0.0.nupkg");

    [TestMethod]
    [DataRow(Dialect.Cilock)]
    [DataRow(Dialect.Witness)]
    public void Verify_ThreeStepPipeline_Passes(Dialect dialect)
    {
        var p = new Pipeline(dialect);
        var result = Run(p, p.Policy(), p.Sign());

        Assert.IsTrue(result.Passed, string.Join("\n", result.Reasons));
        Assert.AreEqual(3, result.Steps.Count(s => s.Passed));
        Assert.AreEqual("pack", result.MatchedStep);
        Assert.AreEqual(Pipeline.ArtifactSha256, result.MatchedSubject);
        StringAssert.Contains(result.ObservedSubjectName, "App.1.0.0.nupkg");
    }

    [TestMethod]
    [DataRow(Dialect.Cilock)]
    [DataRow(Dialect.Witness)]
    public void Verify_ArtifactSubstitutedBetweenSteps_FailsWithDigests(Dialect dialect)
    {
        var p = new Pipeline(dialect);
        p.Pack.Materials["bin/App.dll"] = "tampered assembly";

        var result = Run(p, p.Policy(), p.Sign());

        Assert.IsFalse(result.Passed);
        var reason = Single(result, "pack", PolicyDiagnostics.ArtifactMismatch);
        StringAssert.Contains(reason, "bin/App.dll");
        StringAssert.Contains(reason, CollectionSpec.Sha("tampered assembly"));
        StringAssert.Contains(reason, CollectionSpec.Sha(Pipeline.Dll));
    }

    [TestMethod]
    public void Verify_WrongSigner_FailsSignature()
    {
        var p = new Pipeline();
        var stranger = TestKey.Create();
        var result = Run(p, p.Policy(), [p.Build.Sign(stranger.Signer), p.Test.Sign(p.TestKey.Signer), p.Pack.Sign(p.PackKey.Signer)]);

        Assert.IsFalse(result.Passed);
        Single(result, "build", PolicyDiagnostics.EnvelopeSignatureInvalid);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("other")]
    public void Verify_KeyIdHintLies_StillVerifiesWithTheRealKey(string hint)
    {
        var p = new Pipeline();
        var envelopes = p.Sign();
        var original = envelopes[0].Envelope;
        var lying = hint == "other" ? p.TestKey.KeyId : hint;
        var signatures = original.Signatures.Select(s => new Cilock.Attestation.Dsse.DsseSignature { KeyId = lying, Signature = s.Signature }).ToList();
        envelopes[0] = new Cilock.Policy.Evidence.EvidenceEnvelope("build.json", new Cilock.Attestation.Dsse.DsseEnvelope(original.PayloadType, original.Payload, signatures));

        var result = Run(p, p.Policy(), envelopes);

        Assert.IsTrue(result.Passed, string.Join("\n", result.Reasons));
    }

    [TestMethod]
    public void Verify_SignerNotAFunctionaryOfTheStep_Fails()
    {
        var p = new Pipeline();
        // The test key is trusted by the policy, but only as the functionary of 'test'.
        var result = Run(p, p.Policy(), [p.Build.Sign(p.TestKey.Signer), p.Test.Sign(p.TestKey.Signer), p.Pack.Sign(p.PackKey.Signer)]);

        Assert.IsFalse(result.Passed);
        StringAssert.Contains(Single(result, "build", PolicyDiagnostics.NotAFunctionary), p.TestKey.KeyId);
    }

    [TestMethod]
    public void Verify_MissingStep_FailsNoCollections()
    {
        var p = new Pipeline();
        var result = Run(p, p.Policy(), [p.Build.Sign(p.BuildKey.Signer), p.Pack.Sign(p.PackKey.Signer)]);

        Assert.IsFalse(result.Passed);
        Single(result, "test", PolicyDiagnostics.NoCollections);
        Assert.IsTrue(result.Steps.Single(s => s.Name == "pack").Passed);
    }

    [TestMethod]
    public void Verify_SubjectNotFound_FailsEveryStep()
    {
        var p = new Pipeline();
        var result = Run(p, p.Policy(), p.Sign(), new VerificationSubjects([], CollectionSpec.Sha("some other package")));

        Assert.IsFalse(result.Passed);
        Assert.IsTrue(result.Steps.All(s => s.Rejections.Single().Reason.Code == PolicyDiagnostics.NoCollections));
    }

    [TestMethod]
    public void Verify_MissingRequiredAttestationType_Fails()
    {
        var p = new Pipeline();
        p.Test.IncludeCommandRun = false;

        var result = Run(p, p.Policy(), p.Sign());

        Assert.IsFalse(result.Passed);
        StringAssert.Contains(Single(result, "test", PolicyDiagnostics.MissingAttestation), p.Test.CommandRunType);
    }

    [TestMethod]
    public void Verify_LeafListDoesNotRebuildRoot_Fails()
    {
        var p = new Pipeline();
        // Keep the signed root but list a different file: the inline leaves no longer rebuild merkleRoot.
        p.Build.Mutate = predicate =>
        {
            var product = predicate["attestations"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == p.Build.ProductType)!;
            product["attestation"]!["leaves"]![0]!["fileDigest"] = CollectionSpec.Sha("something else");
        };

        var result = Run(p, p.Policy(), p.Sign());

        Assert.IsFalse(result.Passed);
        Single(result, "build", PolicyDiagnostics.MerkleMismatch);
    }

    [TestMethod]
    public void Verify_EvidenceDatedInTheFuture_Fails()
    {
        var p = new Pipeline();
        p.Test.Time = FixedTime.Default.AddHours(2);

        var result = Run(p, p.Policy(), p.Sign());

        Assert.IsFalse(result.Passed);
        Single(result, "test", PolicyDiagnostics.EvidenceFromFuture);
    }

    [TestMethod]
    public void Verify_EvidenceWithinClockSkew_Passes()
    {
        var p = new Pipeline();
        p.Test.Time = FixedTime.Default.AddMinutes(2);

        Assert.IsTrue(Run(p, p.Policy(), p.Sign()).Passed);
    }

    [TestMethod]
    public void Verify_UnknownAttestationType_KeptAndNotFatal()
    {
        var p = new Pipeline();
        p.Build.Extra.Add(("https://example.com/attestations/custom/v9", new System.Text.Json.Nodes.JsonObject { ["x"] = 1 }));

        var result = Run(p, p.Policy(), p.Sign());

        Assert.IsTrue(result.Passed, string.Join("\n", result.Reasons));
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == PolicyDiagnostics.UnknownAttestationType && d.Message.Contains("custom/v9", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Verify_ReserializedEnvelopePayload_FailsSignature()
    {
        var p = new Pipeline();
        var envelopes = p.Sign();
        var original = envelopes[0].Envelope;
        // Same JSON content, different bytes (indented): the signature covers the bytes, so this must fail.
        var reserialized = System.Text.Json.Nodes.JsonNode.Parse(original.Payload)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
        var tampered = new Cilock.Attestation.Dsse.DsseEnvelope(original.PayloadType, System.Text.Encoding.UTF8.GetBytes(reserialized), original.Signatures);
        envelopes[0] = new Cilock.Policy.Evidence.EvidenceEnvelope("build-reserialized.json", tampered);

        var result = Run(p, p.Policy(), envelopes);

        Assert.IsFalse(result.Passed);
        Single(result, "build", PolicyDiagnostics.EnvelopeSignatureInvalid);
    }

    [TestMethod]
    public void Verify_StepWithoutRequiredAttestations_Fails()
    {
        var p = new Pipeline();
        var policy = p.Policy();
        policy.Steps!["test"].Attestations = [];

        var result = Run(p, policy, p.Sign());

        Assert.IsFalse(result.Passed);
        Single(result, "test", PolicyDiagnostics.StepWithoutAttestations);
    }

    [TestMethod]
    public void Verify_ZeroOverlapArtifactsFrom_FailsStrictPassesLenientWithNote()
    {
        var p = new Pipeline();
        p.Pack.Materials.Clear();
        p.Pack.Materials["obj/App.dll"] = Pipeline.Dll;

        var strict = Run(p, p.Policy(), p.Sign());
        var lenient = Run(p, p.Policy(), p.Sign(), options: Policies.Options() with { DigestEquality = DigestEquality.Lenient });

        Assert.IsFalse(strict.Passed);
        Single(strict, "pack", PolicyDiagnostics.NoArtifactOverlap);
        Assert.IsTrue(lenient.Passed, string.Join("\n", lenient.Reasons));
        Assert.IsTrue(lenient.Diagnostics.Any(d => d.Code == PolicyDiagnostics.CompatSwitchUsed && d.Message.Contains("lenient", StringComparison.Ordinal)));
    }

    [TestMethod]
    public void Verify_StepFoundOnlyThroughBackrefs_PassesWithinDepth()
    {
        // No pipeline URL: build and test are reached only through the tree:materials → tree:products backref chain.
        var p = new Pipeline();
        foreach (var spec in new[] { p.Build, p.Test, p.Pack })
        {
            spec.PipelineUrl = null;
        }

        var deep = Run(p, p.Policy(), p.Sign());
        var shallow = Run(p, p.Policy(), p.Sign(), options: Policies.Options() with { SearchDepth = 1 });

        Assert.IsTrue(deep.Passed, string.Join("\n", deep.Reasons));
        Assert.IsFalse(shallow.Passed);
        Single(shallow, "build", PolicyDiagnostics.NoCollections);
    }

    [TestMethod]
    public void Verify_Sha1OnlySubject_NotMatchableUnlessWitnessSwitch()
    {
        var p = new Pipeline(Dialect.Witness);
        var commit = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
        foreach (var spec in new[] { p.Build, p.Test, p.Pack })
        {
            spec.PipelineUrl = null;
            spec.ExtraSubjects.Add(new Subject($"https://witness.dev/attestations/git/v0.1/commithash:{commit}", [new("sha1", commit)]));
        }

        var subjects = new VerificationSubjects([$"sha1:{commit}"]);
        var cilock = Run(p, p.Policy(), p.Sign(), subjects);
        var witness = Run(p, p.Policy(), p.Sign(), subjects, Policies.Options() with { MatchAllDigestAlgorithms = true });

        Assert.IsFalse(cilock.Passed);
        Assert.IsTrue(witness.Passed, string.Join("\n", witness.Reasons));
        Assert.IsTrue(witness.Diagnostics.Any(d => d.Code == PolicyDiagnostics.CompatSwitchUsed && d.Message.Contains("sha1", StringComparison.Ordinal)));
    }

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void Verify_LeafLessTreeReachedThroughInclusionProof(bool validProof)
    {
        var p = new Pipeline();
        p.Pack.Products["App.1.0.0.snupkg"] = "symbols";
        p.Pack.Products["App.1.0.0.nupkg.intoto.jsonl"] = "sidecar";
        string? root = null;
        p.Pack.Mutate = predicate =>
        {
            var product = predicate["attestations"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == p.Pack.ProductType)!["attestation"]!.AsObject();
            root = product["merkleRoot"]!.GetValue<string>();
            product.Remove("leaves"); // leaf-less: only the proof can bind the artifact to this root
        };
        var envelopes = p.Sign();
        var digests = p.Pack.Products.Values.Select(CollectionSpec.Sha).Distinct().Order(StringComparer.Ordinal).ToList();
        var leaves = digests.Select(d => System.Security.Cryptography.SHA256.HashData(Convert.FromHexString(d))).ToList();
        var index = digests.IndexOf(Pipeline.ArtifactSha256);
        var audit = AuditPath(leaves, index).Select(Convert.ToHexStringLower).ToList();
        if (!validProof)
        {
            audit[0] = new string('0', 64);
        }

        var proof = new System.Text.Json.Nodes.JsonObject
        {
            ["treeRoot"] = root, ["leafIndex"] = index, ["leafPath"] = "App.1.0.0.nupkg", ["fileDigest"] = Pipeline.ArtifactSha256,
            ["auditPath"] = new System.Text.Json.Nodes.JsonArray([.. audit.Select(a => (System.Text.Json.Nodes.JsonNode)a)]), ["hashAlgorithm"] = "sha256", ["construction"] = "RFC6962",
        };
        var statement = new Statement(PolicyVerifier.InclusionProofType, [new Subject("file:App.1.0.0.nupkg", [new("sha256", Pipeline.ArtifactSha256)])], proof);
        envelopes.Add(new Cilock.Policy.Evidence.EvidenceEnvelope("proof.json", Cilock.Attestation.Dsse.DsseSigner.Sign(Cilock.Attestation.Dsse.DsseEnvelope.InTotoPayloadType, statement.ToJsonBytes(), [p.PackKey.Signer])));

        var result = Run(p, p.Policy(), envelopes);

        Assert.AreEqual(validProof, result.Passed, string.Join("\n", result.Reasons));
        if (validProof)
        {
            Assert.AreEqual("App.1.0.0.nupkg", result.ObservedSubjectName);
        }
    }

    /// <summary>RFC 9162 §2.1.3.1 audit path of leaf <paramref name="m"/> over leaf inputs <paramref name="d"/>.</summary>
    private static List<byte[]> AuditPath(List<byte[]> d, int m)
    {
        if (d.Count <= 1)
        {
            return [];
        }

        var k = 1;
        while (k * 2 < d.Count)
        {
            k *= 2;
        }

        return m < k
            ? [.. AuditPath(d[..k], m), Cilock.Policy.Verification.InlineLeaves.RootOf(d[k..])]
            : [.. AuditPath(d[k..], m - k), Cilock.Policy.Verification.InlineLeaves.RootOf(d[..k])];
    }

    [TestMethod]
    public void Verify_InputAttestations_ListEveryCandidateWithPayloadDigest()
    {
        var p = new Pipeline();
        var envelopes = p.Sign();

        var result = Run(p, p.Policy(), envelopes);

        Assert.AreEqual(3, result.InputAttestations.Count);
        CollectionAssert.AreEquivalent(envelopes.Select(e => e.PayloadSha256).ToList(), result.InputAttestations.Select(i => i.PayloadSha256).ToList());
    }

    internal static PolicyVerificationResult Run(Pipeline p, PolicyDocument policy, IReadOnlyList<Cilock.Policy.Evidence.EvidenceEnvelope> envelopes, VerificationSubjects? subjects = null, PolicyVerificationOptions? options = null)
    {
        var opts = options ?? Policies.Options();
        var loaded = Policies.Load(policy, p.PolicyKey, opts);
        return new PolicyVerifier(loaded, opts).Verify(envelopes, subjects ?? Artifact);
    }

    internal static string Single(PolicyVerificationResult result, string step, string code)
    {
        var rejections = result.Steps.Single(s => s.Name == step).Rejections;
        var match = rejections.FirstOrDefault(r => r.Reason.Code == code);
        Assert.IsNotNull(match, $"expected {code} for step {step}; got: {string.Join(" | ", rejections.Select(r => r.Reason.Code + " " + r.Reason.Message))}");
        return match.Reason.Message;
    }
}
