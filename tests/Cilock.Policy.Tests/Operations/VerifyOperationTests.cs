using System.Text.Json.Nodes;
using Cilock.Attestation.Dsse;
using Cilock.Operations.Verification;
using Cilock.Policy.Authoring;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Tests.Support;
using Cilock.TestUtilities;

namespace Cilock.Policy.Tests.Operations;

/// <summary>The shared CLI/MSBuild code path: files in, exit code, JSON verdict and VSA out.</summary>
[TestClass]
public sealed class VerifyOperationTests
{
    [TestMethod]
    public void Execute_PassingPipeline_Exit0WithJsonVerdict()
    {
        using var dir = new TempDirectory();
        var (options, _) = Setup(dir, new Pipeline());

        var result = VerifyOperation.CreateDefault().Execute(options);
        var json = JsonNode.Parse(VerifyReport.ToJson(result))!;

        Assert.AreEqual(0, result.ExitCode, string.Join("\n", result.Diagnostics));
        Assert.IsTrue(json["passed"]!.GetValue<bool>());
        Assert.AreEqual("pack", json["step"]!.GetValue<string>());
        Assert.AreEqual(Pipeline.ArtifactSha256, json["matchedSubject"]!.GetValue<string>());
        Assert.AreEqual("App.1.0.0.nupkg", json["observedSubjectName"]!.GetValue<string>());
        Assert.AreEqual(0, json["reasons"]!.AsArray().Count);
        Assert.AreEqual(64, json["policyDigest"]!.GetValue<string>().Length);
        StringAssert.Contains(VerifyReport.ToText(result), "verification PASSED");
    }

    [TestMethod]
    public void Execute_TamperedPipeline_Exit1ReasonsAndVsaWritten()
    {
        using var dir = new TempDirectory();
        var p = new Pipeline();
        p.Pack.Materials["bin/App.dll"] = "swapped";
        var (options, _) = Setup(dir, p);
        var vsa = dir.Combine("out", "vsa.json");

        var result = VerifyOperation.CreateDefault().Execute(options with { VsaOutFile = vsa });
        var json = JsonNode.Parse(VerifyReport.ToJson(result))!;

        Assert.AreEqual(1, result.ExitCode);
        Assert.IsFalse(json["passed"]!.GetValue<bool>());
        Assert.IsTrue(json["reasons"]!.AsArray().Any(r => r!.GetValue<string>().StartsWith(PolicyDiagnostics.ArtifactMismatch, StringComparison.Ordinal)));
        Assert.AreEqual("FAILED", JsonNode.Parse(File.ReadAllText(vsa))!["predicate"]!["verificationResult"]!.GetValue<string>());
        StringAssert.Contains(VerifyReport.ToText(result), "FAIL  step pack");
    }

    [TestMethod]
    public void Execute_PolicySignedByOtherKey_Exit1()
    {
        using var dir = new TempDirectory();
        var (options, _) = Setup(dir, new Pipeline());
        var other = dir.Combine("other.pub");
        File.WriteAllText(other, TestKey.Create().PublicPem);

        var result = VerifyOperation.CreateDefault().Execute(options with { PolicyPublicKeys = [other] });

        Assert.AreEqual(1, result.ExitCode);
        Assert.AreEqual(PolicyDiagnostics.PolicySignatureInvalid, result.Diagnostics.Single().Code);
    }

    [TestMethod]
    public void Execute_MissingEvidencePath_Exit2()
    {
        using var dir = new TempDirectory();
        var (options, _) = Setup(dir, new Pipeline());

        var result = VerifyOperation.CreateDefault().Execute(options with { Attestations = [dir.Combine("nope")] });

        Assert.AreEqual(2, result.ExitCode);
        Assert.AreEqual(PolicyDiagnostics.EvidenceUnreadable, result.Diagnostics.Single().Code);
    }

    [TestMethod]
    public void Execute_JsonLinesSidecarAndSubjectDigest_Pass()
    {
        using var dir = new TempDirectory();
        var p = new Pipeline();
        var (options, envelopes) = Setup(dir, p);
        var sidecar = dir.Combine("App.1.0.0.nupkg.intoto.jsonl");
        File.WriteAllText(sidecar, string.Join("\n", envelopes.Select(e => e.Envelope.ToJson())) + "\n");

        var result = VerifyOperation.CreateDefault().Execute(options with { Attestations = [sidecar], ArtifactFile = null, Subjects = [$"sha256:{Pipeline.ArtifactSha256.ToUpperInvariant()}"] });

        Assert.AreEqual(0, result.ExitCode, string.Join("\n", result.Diagnostics));
    }

    [TestMethod]
    public void PolicyNewSignCheckVerify_EndToEnd_FailsAfterProductChange()
    {
        using var dir = new TempDirectory();
        var p = new Pipeline();
        var evidenceDir = dir.Combine("evidence");
        Write(evidenceDir, p.Sign());
        var keys = new[] { p.BuildKey, p.TestKey, p.PackKey }.Select((k, i) => k.WriteTo(dir.Path, $"f{i}").Public).ToList();
        var (policyPrivate, policyPublic) = p.PolicyKey.WriteTo(dir.Path, "policy");
        var policyJson = dir.Combine("policy.json");
        var signed = dir.Combine("policy.signed.json");

        var created = PolicyOperations.New(new PolicyNewOptions([evidenceDir], keys) { OutFile = policyJson });
        var sign = PolicyOperations.Sign(policyJson, policyPrivate, signed);
        var checkRight = PolicyOperations.Check(signed, [policyPublic]);
        var checkOther = PolicyOperations.Check(signed, [keys[0]]);

        Assert.AreEqual(0, created.ExitCode, string.Join("\n", created.Diagnostics));
        Assert.AreEqual(0, sign.ExitCode, string.Join("\n", sign.Diagnostics));
        CollectionAssert.AreEqual(File.ReadAllBytes(policyJson), DsseEnvelope.Parse(File.ReadAllBytes(signed)).Payload, "the exact file bytes are signed");
        Assert.AreEqual(0, checkRight.ExitCode, string.Join("\n", checkRight.Diagnostics));
        Assert.AreEqual(1, checkOther.ExitCode);
        Assert.AreEqual(PolicyDiagnostics.PolicySignatureInvalid, checkOther.Diagnostics.Single().Code);

        var artifact = dir.Combine("App.1.0.0.nupkg");
        File.WriteAllText(artifact, Pipeline.Nupkg);
        var verify = new VerifyOptions(signed, [policyPublic]) { ArtifactFile = artifact, Attestations = [evidenceDir] };
        Assert.AreEqual(0, VerifyOperation.CreateDefault().Execute(verify).ExitCode);

        p.Build.Products["bin/App.dll"] = "a different build output";
        Directory.Delete(evidenceDir, recursive: true);
        Write(evidenceDir, p.Sign());
        Assert.AreEqual(1, VerifyOperation.CreateDefault().Execute(verify).ExitCode);
    }

    [TestMethod]
    public void PolicyCheck_RegoThatDoesNotCompile_Exit1()
    {
        using var dir = new TempDirectory();
        var p = new Pipeline();
        var policy = p.Policy();
        policy.Steps!["build"].Attestations![0].RegoPolicies = [Policies.Rego("bad.rego", "package bad\ndeny[msg] {")];
        var path = dir.Combine("policy.signed.json");
        File.WriteAllBytes(path, Policies.SignBytes(PolicyWriter.Serialize(policy), p.PolicyKey));
        var pub = p.PolicyKey.WriteTo(dir.Path, "policy").Public;

        var result = PolicyOperations.Check(path, [pub], Policies.Options());

        Assert.AreEqual(1, result.ExitCode);
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == PolicyDiagnostics.RegoCompileError && d.Message.Contains("bad.rego", StringComparison.Ordinal)));
    }

    private static void Write(string dir, IEnumerable<Cilock.Policy.Evidence.EvidenceEnvelope> envelopes)
    {
        Directory.CreateDirectory(dir);
        var i = 0;
        foreach (var e in envelopes)
        {
            File.WriteAllText(Path.Combine(dir, $"step{i++}.json"), e.Envelope.ToJson());
        }
    }

    private static (VerifyOptions Options, List<Cilock.Policy.Evidence.EvidenceEnvelope> Envelopes) Setup(TempDirectory dir, Pipeline p)
    {
        var envelopes = p.Sign();
        Write(dir.Combine("evidence"), envelopes);
        var policyPath = dir.Combine("policy.signed.json");
        var policy = p.Policy();
        // Real clock here: give the policy a long life so expiry never depends on the date the suite runs.
        policy.Expires = DateTimeOffset.UtcNow.AddYears(5);
        File.WriteAllBytes(policyPath, Policies.SignBytes(PolicyWriter.Serialize(policy), p.PolicyKey));
        var pub = p.PolicyKey.WriteTo(dir.Path, "policy").Public;
        var artifact = dir.Combine("App.1.0.0.nupkg");
        File.WriteAllText(artifact, Pipeline.Nupkg);
        return (new VerifyOptions(policyPath, [pub]) { ArtifactFile = artifact, Attestations = [dir.Combine("evidence")], Verification = Policies.Options() }, envelopes);
    }
}
