using System.Text.Json.Nodes;
using Cilock.Sigstore.Bundles;
using Cilock.TestUtilities;

namespace Cilock.Cli.Tests;

/// <summary>
/// <c>cilock sign-bundle</c> per the sigstore-conformance client protocol, against sigstore-mock.sh (loopback Fulcio,
/// Rekor, TSA) configured through a signing config: the bundle verifies with <c>cilock verify-bundle</c> and sigstore-js,
/// a changed file is refused by both, the token never appears, bad configs are coded refusals without a bundle.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class SignBundleCommandTests
{
    private static SigstoreMock? s_mock;

    private static SigstoreMock Mock => s_mock!;

    [ClassInitialize]
    public static void Start(TestContext context)
    {
        _ = context;
        s_mock = SigstoreMock.Start();
    }

    [ClassCleanup]
    public static void Stop() => s_mock?.Dispose();

    /// <summary>A v0.2 signing config naming the mock's services (what the conformance suite passes).</summary>
    internal static string WriteSigningConfig(TempDirectory dir, SigstoreMock mock, Action<JsonObject>? change = null)
    {
        static JsonArray Service(string url, int major = 1) => [new JsonObject
        {
            ["url"] = url,
            ["majorApiVersion"] = major,
            ["validFor"] = new JsonObject { ["start"] = "2020-01-01T00:00:00Z" },
            ["operator"] = "mock",
        }];
        var config = new JsonObject
        {
            ["mediaType"] = "application/vnd.dev.sigstore.signingconfig.v0.2+json",
            ["caUrls"] = Service(mock.FulcioUrl),
            ["oidcUrls"] = new JsonArray(),
            ["rekorTlogUrls"] = Service(mock.RekorUrl),
            ["tsaUrls"] = Service(mock.TsaUrl),
            ["rekorTlogConfig"] = new JsonObject { ["selector"] = "ANY" },
            ["tsaConfig"] = new JsonObject { ["selector"] = "ANY" },
        };
        change?.Invoke(config);
        return dir.WriteFile("signing_config.json", config.ToJsonString());
    }

    /// <summary>Signs through the CLI, re-signing while the mock's genTime is one sigstore-js cannot parse.</summary>
    private static (ProcessResult Result, string Bundle) SignBundle(TempDirectory dir, string artifact, bool inToto = false)
    {
        var config = WriteSigningConfig(dir, Mock);
        var bundle = dir.Combine("out.sigstore.json");
        for (var attempt = 1; ; attempt++)
        {
            string[] flags = inToto ? ["--in-toto"] : [];
            var result = CliHarness.Invoke(["sign-bundle", .. flags, "--identity-token", Mock.Token, "--bundle", bundle,
                "--trusted-root", Mock.TrustedRoot, "--signing-config", config, artifact]);
            if (attempt == 5 || result.ExitCode != 0
                || !SigstoreMock.HasShortFractionTime(SigstoreBundle.Load(bundle).VerificationMaterial.TimestampVerificationData!.Rfc3161Timestamps[0].SignedTimestamp))
            {
                return (result, bundle);
            }
        }
    }

    private static ProcessResult VerifyBundle(string bundle, string artifact) =>
        CliHarness.Invoke("verify-bundle", "--bundle", bundle, "--certificate-identity", Mock.Identity,
            "--certificate-oidc-issuer", Mock.Issuer, "--trusted-root", Mock.TrustedRoot, artifact);

    private static (int Code, string Output) VerifyWithSigstoreJs(string bundle, string artifact) =>
        Validators.Run("verify-sigstore-bundle.sh", "--bundle", bundle, "--artifact", artifact, "--trusted-root", Mock.TrustedRoot,
            "--certificate-identity", Mock.Identity, "--certificate-oidc-issuer", Mock.Issuer);

    [TestMethod]
    public void SignBundle_MockSigningConfig_VerifiesWithVerifyBundleAndSigstoreJs()
    {
        using var dir = new TempDirectory();
        var artifact = dir.WriteFile("a.txt", "hello conformance\n");

        var (signed, bundle) = SignBundle(dir, artifact);

        Assert.AreEqual(0, signed.ExitCode, signed.Output);
        var parsed = JsonNode.Parse(File.ReadAllText(bundle))!;
        Assert.AreEqual(BundleMediaTypes.V03, parsed["mediaType"]!.GetValue<string>());
        Assert.IsNotNull(parsed["messageSignature"], "a message signature, not a DSSE envelope");
        Assert.AreEqual("hashedrekord", parsed["verificationMaterial"]!["tlogEntries"]![0]!["kindVersion"]!["kind"]!.GetValue<string>());
        var ours = VerifyBundle(bundle, artifact);
        Assert.AreEqual(0, ours.ExitCode, ours.Output);
        var (code, output) = VerifyWithSigstoreJs(bundle, artifact);
        Assert.AreEqual(0, code, output);
    }

    [TestMethod]
    public void SignBundle_InTotoStatement_DsseBundleVerifiesForItsSubjectWithBothVerifiers()
    {
        using var dir = new TempDirectory();
        var subject = dir.WriteFile("app.bin", "the artifact");
        var statement = dir.WriteFile("statement.json", new JsonObject
        {
            ["_type"] = "https://in-toto.io/Statement/v1",
            ["subject"] = new JsonArray(new JsonObject
            {
                ["name"] = "app.bin",
                ["digest"] = new JsonObject { ["sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(subject))) },
            }),
            ["predicateType"] = "https://example.com/test/v1",
            ["predicate"] = new JsonObject(),
        }.ToJsonString());

        var (signed, bundle) = SignBundle(dir, statement, inToto: true);

        Assert.AreEqual(0, signed.ExitCode, signed.Output);
        var parsed = JsonNode.Parse(File.ReadAllText(bundle))!;
        Assert.AreEqual("application/vnd.in-toto+json", parsed["dsseEnvelope"]!["payloadType"]!.GetValue<string>());
        Assert.AreEqual("intoto", parsed["verificationMaterial"]!["tlogEntries"]![0]!["kindVersion"]!["kind"]!.GetValue<string>());
        var ours = VerifyBundle(bundle, subject);
        Assert.AreEqual(0, ours.ExitCode, ours.Output);
        var (code, output) = VerifyWithSigstoreJs(bundle, subject);
        Assert.AreEqual(0, code, output);
        File.WriteAllText(subject, "another artifact");
        Assert.AreEqual(1, VerifyBundle(bundle, subject).ExitCode);
    }

    [TestMethod]
    [DataRow("{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[],\"predicateType\":\"x\"}", DisplayName = "no subject")]
    [DataRow("plain text", DisplayName = "not JSON")]
    public void SignBundle_InTotoNotAStatement_Cil6124NoBundle(string content)
    {
        using var dir = new TempDirectory();
        var file = dir.WriteFile("s.json", content);
        var bundle = dir.Combine("out.sigstore.json");

        var result = CliHarness.Invoke("sign-bundle", "--in-toto", "--identity-token", Mock.Token, "--bundle", bundle,
            "--signing-config", WriteSigningConfig(dir, Mock), file);

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.StartsWith(result.StandardError, "cilock: error CIL6124:");
        Assert.IsFalse(File.Exists(bundle));
    }

    [TestMethod]
    public void SignBundle_RealProcessAsConformanceEntrypoint_SignsAndVerifies()
    {
        using var dir = new TempDirectory();
        var artifact = dir.WriteFile("a.txt", "through the cilock process\n");
        var config = WriteSigningConfig(dir, Mock);
        var bundle = dir.Combine("a.sigstore.json");

        // Exactly the suite's argument order: sign-bundle --identity-token T --bundle B --trusted-root TR --signing-config SC FILE.
        var signed = CliHarness.Exec(dir.Path, null, "sign-bundle", "--identity-token", Mock.Token, "--bundle", bundle,
            "--trusted-root", Mock.TrustedRoot, "--signing-config", config, artifact);
        var verified = CliHarness.Exec(dir.Path, null, "verify-bundle", "--bundle", bundle, "--certificate-identity", Mock.Identity,
            "--certificate-oidc-issuer", Mock.Issuer, "--trusted-root", Mock.TrustedRoot, artifact);

        Assert.AreEqual(0, signed.ExitCode, signed.Output);
        Assert.DoesNotContain(Mock.Token.Split('.')[1], signed.Output);
        Assert.AreEqual(0, verified.ExitCode, verified.Output);
    }

    [TestMethod]
    public void SignBundle_ChangedFile_RefusedByVerifyBundleAndSigstoreJs()
    {
        using var dir = new TempDirectory();
        var artifact = dir.WriteFile("a.txt", "original\n");
        var (signed, bundle) = SignBundle(dir, artifact);
        Assert.AreEqual(0, signed.ExitCode, signed.Output);

        File.WriteAllText(artifact, "changed\n");

        var ours = VerifyBundle(bundle, artifact);
        Assert.AreEqual(1, ours.ExitCode, ours.Output);
        StringAssert.Contains(ours.Output, "CIL6011");
        var (code, output) = VerifyWithSigstoreJs(bundle, artifact);
        Assert.AreNotEqual(0, code, output);
    }

    [TestMethod]
    public void SignBundle_Token_NeverInOutputOrBundle()
    {
        using var dir = new TempDirectory();
        var artifact = dir.WriteFile("a.txt", "x");

        var (signed, bundle) = SignBundle(dir, artifact);
        var failed = CliHarness.Invoke("--verbose", "sign-bundle", "--identity-token", Mock.Token, "--bundle", dir.Combine("b.json"), dir.Combine("missing.txt"));

        Assert.AreEqual(0, signed.ExitCode, signed.Output);
        Assert.AreEqual(2, failed.ExitCode, failed.Output);
        var tokenBody = Mock.Token.Split('.')[1];
        foreach (var text in (string[])[signed.Output, failed.Output, File.ReadAllText(bundle)])
        {
            Assert.DoesNotContain(tokenBody, text);
        }
    }

    public static IEnumerable<object[]> BadConfigs() =>
    [
        ["not json", "CIL6120"],
        ["""{"mediaType":"application/vnd.dev.sigstore.signingconfig.v9+json"}""", "CIL6120"],
        ["""{"mediaType":"application/vnd.dev.sigstore.signingconfig.v0.2+json","caUrls":[{"url":"ftp://x","majorApiVersion":1,"validFor":{"start":"2020-01-01T00:00:00Z"}}]}""", "CIL6120"],
        ["""{"mediaType":"application/vnd.dev.sigstore.signingconfig.v0.2+json","caUrls":{"url":1}}""", "CIL6120"],
        ["""{"mediaType":"application/vnd.dev.sigstore.signingconfig.v0.2+json","caUrls":[{"url":"http://127.0.0.1:1","majorApiVersion":1,"validFor":{"start":"2020-01-01T00:00:00Z","end":"2021-01-01T00:00:00Z"}}]}""", "CIL6121"],
    ];

    [TestMethod]
    [DynamicData(nameof(BadConfigs))]
    public void SignBundle_BadSigningConfig_CodedExit2NoBundle(string config, string code)
    {
        using var dir = new TempDirectory();
        var artifact = dir.WriteFile("a.txt", "x");
        var path = dir.WriteFile("sc.json", config);
        var bundle = dir.Combine("out.sigstore.json");

        var result = CliHarness.Invoke("sign-bundle", "--identity-token", Mock.Token, "--bundle", bundle, "--signing-config", path, artifact);

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.StartsWith(result.StandardError, $"cilock: error {code}:");
        Assert.DoesNotContain("   at ", result.Output);
        Assert.IsFalse(File.Exists(bundle), "no bundle on a refused config");
    }

    [TestMethod]
    public void SignBundle_OnlyRekorV2Listed_Cil6121()
    {
        using var dir = new TempDirectory();
        var artifact = dir.WriteFile("a.txt", "x");
        var config = WriteSigningConfig(dir, Mock, c => c["rekorTlogUrls"]![0]!["majorApiVersion"] = 2);
        var bundle = dir.Combine("out.sigstore.json");

        var result = CliHarness.Invoke("sign-bundle", "--identity-token", Mock.Token, "--bundle", bundle, "--signing-config", config, artifact);

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, "CIL6121");
        Assert.IsFalse(File.Exists(bundle));
    }

    [TestMethod]
    public void SignBundle_StagingWithoutSigningConfig_Cil6123()
    {
        using var dir = new TempDirectory();
        var artifact = dir.WriteFile("a.txt", "x");

        var result = CliHarness.Invoke("sign-bundle", "--staging", "--identity-token", Mock.Token, "--bundle", dir.Combine("b.json"), artifact);

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, "CIL6123");
    }
}
