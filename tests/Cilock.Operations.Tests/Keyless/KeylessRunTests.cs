using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Dsse;
using Cilock.Operations.Keyless;
using Cilock.Operations.Recording;
using Cilock.Operations.Run;
using Cilock.Operations.Verification;
using Cilock.Sigstore.Signing;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Keyless;

/// <summary>
/// <c>cilock run</c> and the SDK's step recording signing keyless against sigstore-mock.sh; the evidence verifies under
/// a policy whose functionary is the mock's Fulcio root with identity constraints, at the TSA time.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class KeylessRunTests
{
    // Tests run in parallel: one mock per class, started once (a second mock would have other keys).
    private static readonly Lazy<SigstoreMock> s_mock = new(SigstoreMock.Start, LazyThreadSafetyMode.ExecutionAndPublication);

    private static SigstoreMock Mock => s_mock.Value;

    [ClassCleanup]
    public static void Cleanup()
    {
        if (s_mock.IsValueCreated)
        {
            s_mock.Value.Dispose();
        }
    }

    private static KeylessSigningSettings Settings(SigningMode mode = SigningMode.Auto) => new()
    {
        Mode = mode,
        FulcioUrl = Mock.FulcioUrl,
        RekorUrl = Mock.RekorUrl,
        TimestampUrls = [Mock.TsaUrl],
    };

    private static Dictionary<string, string> CiEnvironment() => new()
    {
        ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
        ["SIGSTORE_ID_TOKEN"] = Mock.Token,
    };

    private static async Task<(RunResult Result, string Product, string Output)> RunKeylessAsync(TempDirectory dir, KeylessSigningSettings settings, Dictionary<string, string> env)
    {
        // Re-run while the mock's genTime is one sigstore-js cannot parse (see SigstoreMock.HasShortFractionTime).
        for (var attempt = 1; ; attempt++)
        {
            var run = await RunOnceAsync(dir, settings, env);
            var envelope = DsseEnvelope.Parse(File.ReadAllText(run.Result.OutputPath));
            if (attempt == 5 || !SigstoreMock.HasShortFractionTime(envelope.Signatures[0].Timestamps[0]))
            {
                return run;
            }
        }
    }

    private static async Task<(RunResult Result, string Product, string Output)> RunOnceAsync(TempDirectory dir, KeylessSigningSettings settings, Dictionary<string, string> env)
    {
        var work = Directory.CreateDirectory(dir.Combine("work")).FullName;
        var output = new StringWriter();
        var result = await new RunOperation(userKeyDirectory: dir.Combine("userkey")).ExecuteAsync(new RunOptions
        {
            StepName = "build",
            Command = ["sh", "-c", "echo built > app.bin"],
            WorkingDirectory = work,
            OutputPath = dir.Combine("evidence", "build.attestation.json"),
            Environment = env,
            Keyless = settings,
            StandardOutput = output,
            StandardError = output,
            Attestations = [],
        });
        return (result, Path.Combine(work, "app.bin"), output.ToString());
    }

    [TestMethod]
    public async Task Run_CiTokenNoKey_SignsKeylessWithBundleThatSigstoreJsVerifies()
    {
        using var dir = new TempDirectory();

        var (result, _, _) = await RunKeylessAsync(dir, Settings(), CiEnvironment());

        var bundle = dir.Combine("evidence", "build.attestation.sigstore.json");
        Assert.IsTrue(File.Exists(bundle), "the bundle must sit next to the envelope");
        Assert.IsFalse(Directory.Exists(dir.Combine("userkey")), "keyless signing must not create a per-user key");
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == KeylessDiagnostics.KeylessSigned && d.Message.Contains(Mock.Identity, StringComparison.Ordinal)));
        var envelope = DsseEnvelope.Parse(File.ReadAllText(result.OutputPath));
        Assert.IsNotNull(envelope.Signatures[0].CertificatePem);
        Assert.AreEqual(1, envelope.Signatures[0].Timestamps.Count);
        // cilock run's collection names its products by tree (v0.3), so verify by the first subject's digest.
        var subject = JsonNode.Parse(envelope.Payload)!["subject"]![0]!["digest"]!["sha256"]!.GetValue<string>();
        var (code, output) = Validators.Run("verify-sigstore-bundle.sh", "--bundle", bundle, "--digest", "sha256:" + subject, "--trusted-root", Mock.TrustedRoot,
            "--certificate-identity", Mock.Identity, "--certificate-oidc-issuer", Mock.Issuer);
        Assert.AreEqual(0, code, output);
    }

    [TestMethod]
    public async Task Run_PlantedToken_AppearsInNoOutput()
    {
        using var dir = new TempDirectory();

        var (result, _, output) = await RunKeylessAsync(dir, Settings(), CiEnvironment());

        var token = Mock.Token;
        var texts = Directory.EnumerateFiles(dir.Path, "*", SearchOption.AllDirectories).Select(File.ReadAllText)
            .Append(output)
            .Concat(result.Diagnostics.Select(d => d.Message));
        foreach (var text in texts)
        {
            Assert.IsFalse(text.Contains(token, StringComparison.Ordinal), "the identity token leaked");
            Assert.IsFalse(text.Contains(token.Split('.')[1], StringComparison.Ordinal), "the identity token's claims leaked");
        }
    }

    [TestMethod]
    public async Task Run_KeylessModeFulcioDown_CodedErrorNothingWritten()
    {
        using var dir = new TempDirectory();
        var down = Settings(SigningMode.Keyless) with { FulcioUrl = "http://127.0.0.1:1" };

        var e = await Assert.ThrowsExactlyAsync<Cilock.Attestation.Diagnostics.CilockException>(() => RunKeylessAsync(dir, down, CiEnvironment()));

        Assert.AreEqual(KeylessDiagnostics.ServiceUnavailable, e.Code);
        Assert.IsFalse(File.Exists(dir.Combine("evidence", "build.attestation.json")));
        Assert.IsFalse(File.Exists(dir.Combine("evidence", "build.attestation.sigstore.json")));
    }

    [TestMethod]
    [DataRow(true, true)]
    [DataRow(false, false)]
    public async Task Verify_KeylessEvidence_PolicyWithMockFulcioRootAndIdentity(bool rightIdentity, bool passes)
    {
        using var dir = new TempDirectory();
        var (result, product, _) = await RunKeylessAsync(dir, Settings(), CiEnvironment());
        var identity = rightIdentity ? Mock.Identity : "https://github.com/evil/fork/.github/workflows/ci.yml@refs/heads/main";
        var (policy, policyKey) = WritePolicy(dir, identity);

        var verdict = VerifyOperation.CreateDefault().Execute(new VerifyOptions(policy, [policyKey])
        {
            Attestations = [result.OutputPath],
            ArtifactFile = product,
        });

        Assert.AreEqual(passes ? 0 : 1, verdict.ExitCode, string.Join("\n", verdict.Diagnostics.Select(d => $"{d.Code}: {d.Message}")) + VerifyReport.ToText(verdict));
    }

    [TestMethod]
    public async Task Verify_KeylessEvidenceChangedProduct_Fails()
    {
        using var dir = new TempDirectory();
        var (result, product, _) = await RunKeylessAsync(dir, Settings(), CiEnvironment());
        var (policy, policyKey) = WritePolicy(dir, Mock.Identity);
        File.WriteAllText(product, "tampered");

        var verdict = VerifyOperation.CreateDefault().Execute(new VerifyOptions(policy, [policyKey]) { Attestations = [result.OutputPath], ArtifactFile = product });

        Assert.AreNotEqual(0, verdict.ExitCode);
    }

    [TestMethod]
    public async Task RecordStep_KeylessMode_WritesEnvelopeAndBundle()
    {
        using var dir = new TempDirectory();
        var product = dir.WriteFile("proj/bin/app.dll", "binary");
        var evidence = dir.Combine("proj", "obj", "cilock", "build.net10.0.intoto.json");

        StepRecordingResult result;
        for (var attempt = 1; ; attempt++)
        {
            result = await StepRecordingOperation.CreateDefault().ExecuteAsync(new StepRecordingOptions
            {
                StepName = "build",
                EvidencePath = evidence,
                ProjectDirectory = dir.Combine("proj"),
                Products = [product],
                FileSubjects = [product],
                Environment = CiEnvironment(),
                Keyless = Settings(SigningMode.Keyless),
            }, default);
            if (attempt == 5 || !result.Succeeded || !SigstoreMock.HasShortFractionTime(DsseEnvelope.Parse(File.ReadAllText(evidence)).Signatures[0].Timestamps[0]))
            {
                break;
            }
        }

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics.Select(d => $"{d.Code}: {d.Message}")));
        Assert.IsFalse(result.KeyCreated);
        var bundle = dir.Combine("proj", "obj", "cilock", "build.net10.0.sigstore.json");
        var (code, output) = Validators.Run("verify-sigstore-bundle.sh", "--bundle", bundle, "--artifact", product, "--trusted-root", Mock.TrustedRoot,
            "--certificate-identity", Mock.Identity, "--certificate-oidc-issuer", Mock.Issuer);
        Assert.AreEqual(0, code, output);
    }

    private static (string Policy, string PolicyKey) WritePolicy(TempDirectory dir, string identity)
    {
        var policy = new JsonObject
        {
            ["expires"] = DateTimeOffset.UtcNow.AddYears(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["roots"] = FulcioPolicyParts.Roots(Mock),
            ["timestampauthorities"] = FulcioPolicyParts.TimestampAuthorities(Mock),
            ["steps"] = new JsonObject
            {
                ["build"] = new JsonObject
                {
                    ["name"] = "build",
                    ["functionaries"] = FulcioPolicyParts.Functionaries(identity, Mock.Issuer),
                    ["attestations"] = new JsonArray(
                        new JsonObject { ["type"] = AttestationTypes.MaterialCilock },
                        new JsonObject { ["type"] = AttestationTypes.CommandRunCilock },
                        new JsonObject { ["type"] = AttestationTypes.ProductCilock }),
                },
            },
        };
        var (_, pub, signer) = TestKeys.Create(dir, "policy");
        var envelope = DsseSigner.Sign("https://aflock.ai/policy/v0.1", Encoding.UTF8.GetBytes(policy.ToJsonString()), [signer]);
        var path = dir.Combine("policy.signed.json");
        File.WriteAllText(path, envelope.ToJson());
        return (path, pub);
    }
}
