using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Crypto;
using Cilock.Attestation.Dsse;
using Cilock.TestUtilities;

namespace Cilock.Sdk.IntegrationTests;

/// <summary>
/// HelloLib packed with the packed SDK "inside GitHub Actions" with <c>id-token: write</c> and no key configured:
/// the default <c>CilockSigning=auto</c> signs every step keyless against sigstore-mock.sh (fake Fulcio + Rekor + TSA),
/// the identity token coming from a loopback GitHub token service. Checked with independent tools: sigstore-js on
/// each bundle (the mock's identity, and refusal of another), the Fulcio leaf in each envelope chaining to the mock's
/// root, <c>cilock verify</c> with a certificate-constraint policy (passes for the identity, fails for another), and
/// no token in any file or log. A laptop build (no CI variables) keeps the per-user key.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class KeylessPackFlowTests
{
    private const string OtherIdentity = "https://github.com/evil/fork/.github/workflows/ci.yml@refs/heads/main";

    private static SigstoreMock? _mock;
    private static KeylessGitHubOidcServer? _oidc;
    private static string _root = "";
    private static string _packages = "";
    private static string _packOutput = "";

    private static SigstoreMock Mock => _mock ?? throw new InvalidOperationException("the mock did not start");

    private static KeylessGitHubOidcServer Oidc => _oidc ?? throw new InvalidOperationException("the token service did not start");

    private static string Nupkg => Path.Combine(_packages, "HelloLib.1.0.0.nupkg");

    private static string Sidecar => Nupkg + ".intoto.jsonl";

    private static string EvidenceDirectory => Path.Combine(_root, "src", "HelloLib", "obj", "cilock");

    private static string TestsEvidenceDirectory => Path.Combine(_root, "tests", "HelloLib.Tests", "obj", "cilock");

    [ClassInitialize]
    public static void PackInGitHubActionsKeyless(TestContext context)
    {
        _ = context;
        _mock = SigstoreMock.Start();
        _oidc = new KeylessGitHubOidcServer(_mock.Token);
        _root = PackedSdk.CreateWorkspace("keyless-hellolib", Path.Combine(SharedData.RepositoryRoot, "samples", "HelloLib"));
        _packages = Path.Combine(_root, "packages");
        string[] sigstore = [$"-p:CilockFulcioUrl={_mock.FulcioUrl}", $"-p:CilockRekorUrl={_mock.RekorUrl}", $"-p:CilockTimestampUrls={_mock.TsaUrl}"];
        var test = PackedSdk.Dotnet(_root, GitHubEnvironment(), ["test", "-c", "Release", .. sigstore]);
        Assert.AreEqual(0, test.ExitCode, test.Output);
        var pack = PackedSdk.Dotnet(_root, GitHubEnvironment(), ["pack", "src/HelloLib/HelloLib.csproj", "-c", "Release", "-o", _packages, .. sigstore]);
        _packOutput = test.Output + pack.Output;
        Assert.AreEqual(0, pack.ExitCode, pack.Output);
    }

    [ClassCleanup]
    public static void Stop()
    {
        _oidc?.Dispose();
        _mock?.Dispose();
    }

    [TestMethod]
    public void Pack_EveryEnvelope_HasBundleThatSigstoreJsVerifiesForTheMockIdentity()
    {
        var envelopes = AllEnvelopes();
        var checkedBySigstoreJs = 0;
        foreach (var file in envelopes)
        {
            var bundle = file[..^".intoto.json".Length] + ".sigstore.json";
            Assert.IsTrue(File.Exists(bundle), $"{Path.GetFileName(file)} has no sibling bundle\n{_packOutput}");
            var artifact = Path.GetFileName(file) == "pack.intoto.json" ? ["--artifact", Nupkg] : new[] { "--digest", "sha256:" + FirstSubject(file) };
            var envelope = DsseEnvelope.Parse(File.ReadAllText(file));
            if (SigstoreMock.HasShortFractionTime(envelope.Signatures[0].Timestamps[0]))
            {
                // sigstore-js cannot read this genTime (a mock defect, see SigstoreMock); our verifier still must accept.
                using var scratch = new TempDirectory("cilock-keyless-vb");
                var ours = CilockCli.Run(scratch, ["verify-bundle", "--bundle", bundle, "--trusted-root", Mock.TrustedRoot,
                    "--certificate-identity", Mock.Identity, "--certificate-oidc-issuer", Mock.Issuer, artifact[1]]);
                Assert.AreEqual(0, ours.ExitCode, ours.Output);
                continue;
            }

            var (code, output) = VerifyWithSigstoreJs(bundle, artifact, Mock.Identity);
            Assert.AreEqual(0, code, $"{Path.GetFileName(bundle)}: {output}");
            var (otherCode, otherOutput) = VerifyWithSigstoreJs(bundle, artifact, OtherIdentity);
            Assert.AreEqual(1, otherCode, $"{Path.GetFileName(bundle)} must not verify for another identity: {otherOutput}");
            checkedBySigstoreJs++;
        }

        Assert.IsGreaterThanOrEqualTo(1, checkedBySigstoreJs, "no bundle could be checked by sigstore-js");
    }

    [TestMethod]
    public void Pack_Envelopes_CarryFulcioLeafForTheIdentityChainingToTheMockRoot()
    {
        using var root = CertificatePem.Parse(File.ReadAllText(Mock.Env["FULCIO_ROOT_PEM"]));
        var envelopes = AllEnvelopes().Select(f => (f, DsseEnvelope.Parse(File.ReadAllText(f))))
            .Concat(DsseEnvelope.ReadJsonLines(File.ReadAllText(Sidecar)).Select(e => (Sidecar, e)))
            .ToList();
        Assert.IsGreaterThanOrEqualTo(3, envelopes.Count(e => e.Item1 == Sidecar), "the sidecar holds the build, test and pack steps");
        foreach (var (source, envelope) in envelopes)
        {
            var signature = envelope.Signatures.Single();
            Assert.IsNotNull(signature.CertificatePem, $"{source}: keyless signatures carry the Fulcio leaf");
            Assert.HasCount(1, signature.Timestamps, $"{source}: one RFC 3161 token from the mock TSA");
            using var leaf = CertificatePem.Parse(signature.CertificatePem);
            Assert.AreEqual(Mock.Identity, leaf.GetNameInfo(X509NameType.UrlName, forIssuer: false), source);
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(root);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = leaf.NotBefore.AddSeconds(1);
            foreach (var pem in signature.IntermediatePems)
            {
                chain.ChainPolicy.ExtraStore.Add(CertificatePem.Parse(pem));
            }

            Assert.IsTrue(chain.Build(leaf), $"{source}: {string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation))}");
        }
    }

    [TestMethod]
    public void Pack_GitHubTokenService_AskedForSigstoreAndWitnessWithTheBearerToken()
    {
        Assert.AreEqual(0, Oidc.Unauthorized, "every token request carried the request token");
        CollectionAssert.IsSubsetOf(new[] { "sigstore", "witness" }, Oidc.Audiences.Distinct().ToList());
        var github = Evidence.LoadLines(Sidecar).Single(e => e.StepName == "pack").Attestation("/github/");
        var claims = github.GetProperty("jwt").GetProperty("claims");
        Assert.AreEqual("witness", claims.GetProperty("aud").GetString(), "the github attestor verified its own token against the JWKS");
        StringAssert.Contains(_packOutput, $"signed keyless as {Mock.Identity}");
    }

    [TestMethod]
    public void Pack_JobSummary_NamesTheWorkflowIdentityAsSigner()
    {
        var summary = File.ReadAllText(Path.Combine(_root, "step-summary.md"));

        foreach (var step in (string[])["build", "test", "pack"])
        {
            StringAssert.Contains(summary, $"| {step} | {Mock.Identity} (issued by ", summary);
        }
    }

    [TestMethod]
    [DataRow(true, 0)]
    [DataRow(false, 1)]
    public void Verify_CertificatePolicy_PassesForTheIdentityOnly(bool rightIdentity, int expectedExit)
    {
        var verdict = VerifyNupkg(rightIdentity ? Mock.Identity : OtherIdentity, "-a", Sidecar);

        Assert.AreEqual(expectedExit, verdict.ExitCode, verdict.Output);
        AssertVerdict(verdict.Output, rightIdentity);
    }

    [TestMethod]
    [DataRow(true, 0)]
    [DataRow(false, 1)]
    public void Verify_OnlyTheBundlesAsEvidence_PassesForTheIdentityOnly(bool rightIdentity, int expectedExit)
    {
        // The Sigstore bundles alone (no .intoto.json, no sidecar), as a consumer holding only *.sigstore.json has them.
        using var bundles = new TempDirectory("cilock-keyless-bundles");
        foreach (var file in Directory.GetFiles(Path.Combine(_root, "src"), "*.sigstore.json", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(_root, "tests"), "*.sigstore.json", SearchOption.AllDirectories)))
        {
            var target = Path.Combine(bundles.Path, Path.GetRelativePath(_root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        Assert.IsEmpty(Directory.GetFiles(bundles.Path, "*.intoto.json*", SearchOption.AllDirectories));

        var verdict = VerifyNupkg(rightIdentity ? Mock.Identity : OtherIdentity, "-a", bundles.Path, "--trusted-root", Mock.TrustedRoot);

        Assert.AreEqual(expectedExit, verdict.ExitCode, verdict.Output);
        AssertVerdict(verdict.Output, rightIdentity);
        StringAssert.Contains(verdict.Output, "pack.sigstore.json", "the pack step was read from its bundle");
    }

    [TestMethod]
    public void Pack_Tokens_AppearInNoFileOfTheTreeNorInTheLog()
    {
        // Whole tokens and their signatures are credentials; the Sigstore token's claims are never recorded either. (The
        // github attestor records its own token's verified claims on purpose, so their encoding may appear.)
        var secrets = Oidc.IssuedTokens.Append(Mock.Token).Distinct()
            .SelectMany(t => new[] { t, t.Split('.')[2] })
            .Append(Mock.Token.Split('.')[1])
            .Append(Oidc.RequestToken)
            .Where(s => s.Length >= 16)
            .ToList();
        Assert.IsGreaterThanOrEqualTo(4, secrets.Count);
        var texts = Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories)
            .Select(f => (f, Encoding.Latin1.GetString(File.ReadAllBytes(f))))
            .Append(("the build log", _packOutput))
            .ToList();
        // DSSE payloads are base64: search the statements themselves too.
        texts.AddRange(texts.SelectMany(t => Payloads(t.Item2).Select(p => (t.Item1 + " (payload)", p))).ToList());
        foreach (var (where, text) in texts)
        {
            foreach (var secret in secrets)
            {
                Assert.IsFalse(text.Contains(secret, StringComparison.Ordinal), $"a token leaked into {where}");
            }
        }
    }

    [TestMethod]
    public void Build_OnALaptopWithAutoSigning_KeepsThePerUserKeyWithoutBundle()
    {
        var root = PackedSdk.CreateWorkspace("keyless-laptop", Path.Combine(SharedData.RepositoryRoot, "samples", "HelloLib"));
        // A bundle left by an earlier keyless run describes an envelope that is about to be replaced: it must go.
        var stale = Path.Combine(root, "src", "HelloLib", "obj", "cilock", "build.Release.net10.0.sigstore.json");
        Directory.CreateDirectory(Path.GetDirectoryName(stale)!);
        File.WriteAllText(stale, "{}");
        var laptop = NoCiEnvironment();
        laptop["CilockSigningKey"] = null;

        var result = PackedSdk.Dotnet(root, laptop, "build", "src/HelloLib/HelloLib.csproj", "-c", "Release",
            $"-p:CilockFulcioUrl={Mock.FulcioUrl}", $"-p:CilockRekorUrl={Mock.RekorUrl}", $"-p:CilockTimestampUrls={Mock.TsaUrl}");

        Assert.AreEqual(0, result.ExitCode, result.Output);
        var evidence = Directory.GetFiles(Path.Combine(root, "src", "HelloLib", "obj", "cilock"), "build*.intoto.json").Single();
        Assert.IsEmpty(Directory.GetFiles(Path.GetDirectoryName(evidence)!, "*.sigstore.json"));
        var envelope = Evidence.Load(evidence);
        Assert.IsNull(envelope.Envelope.Signatures.Single().CertificatePem);
        envelope.AssertSignedBy(Path.Combine(PackedSdk.Root, "cilock-home", "keys", "default.pub"));
        Assert.DoesNotContain("signed keyless", result.Output);
    }

    // Every envelope the SDK wrote: the library's build and pack steps, the linked test step, the SBOM statement,
    // and the test project's own build and test steps.
    private static List<string> AllEnvelopes()
    {
        var files = Directory.GetFiles(EvidenceDirectory, "*.intoto.json", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(TestsEvidenceDirectory, "*.intoto.json", SearchOption.AllDirectories))
            .ToList();
        foreach (var step in (string[])["build.", "test.", "pack."])
        {
            Assert.IsTrue(files.Any(f => Path.GetFileName(f).StartsWith(step, StringComparison.Ordinal)), $"no {step} envelope in {string.Join(", ", files)}");
        }

        return files;
    }

    // Every step passes for the right identity; for another one the steps fail because the signer is no functionary.
    private static void AssertVerdict(string output, bool passes)
    {
        foreach (var step in (string[])["build", "test", "pack"])
        {
            StringAssert.Contains(output, passes ? $"PASS  step {step}:" : $"FAIL  step {step}", output);
        }

        if (!passes)
        {
            StringAssert.Contains(output, "which is not a functionary of this step", output);
        }
    }

    // cilock verify of the nupkg under a freshly signed certificate-constraint policy for IDENTITY.
    private static ProcessResult VerifyNupkg(string identity, params string[] evidence)
    {
        using var dir = new TempDirectory("cilock-keyless-verify");
        Assert.AreEqual(0, CilockCli.Run(dir, "keygen", "-o", "pol").ExitCode);
        File.WriteAllText(dir.Combine("policy.json"), Policy(identity).ToJsonString());
        var signed = CilockCli.Run(dir, "policy", "sign", "policy.json", "-k", "pol.key", "-o", "policy.signed.json");
        Assert.AreEqual(0, signed.ExitCode, signed.Output);
        return CilockCli.Run(dir, ["verify", "-p", "policy.signed.json", "-k", "pol.pub", "-f", Nupkg, .. evidence]);
    }

    private static IEnumerable<string> Payloads(string text) =>
        System.Text.RegularExpressions.Regex.Matches(text, "\"payload\"\\s*:\\s*\"([A-Za-z0-9+/=]+)\"")
            .Select(m => Encoding.Latin1.GetString(Convert.FromBase64String(m.Groups[1].Value)));

    private static string FirstSubject(string envelopeFile)
    {
        var statement = JsonDocument.Parse(DsseEnvelope.Parse(File.ReadAllText(envelopeFile)).Payload).RootElement;
        return statement.GetProperty("subject")[0].GetProperty("digest").GetProperty("sha256").GetString()!;
    }

    private static (int Code, string Output) VerifyWithSigstoreJs(string bundle, string[] artifact, string identity) =>
        Validators.Run("verify-sigstore-bundle.sh", ["--bundle", bundle, .. artifact, "--trusted-root", Mock.TrustedRoot,
            "--certificate-identity", identity, "--certificate-oidc-issuer", Mock.Issuer]);

    // Build, test and pack signed by a Fulcio certificate for IDENTITY from the mock's root, at the mock TSA's time; the
    // pack step must have packed what the signed build produced (artifactsFrom).
    private static JsonObject Policy(string identity)
    {
        JsonNode Functionaries() => FulcioPolicyParts.Functionaries(identity, Mock.Issuer);
        JsonNode Types(params string[] kinds) => new JsonArray([.. kinds.Select(k => (JsonNode)new JsonObject { ["type"] = $"https://aflock.ai/attestations/{k}" })]);
        return new JsonObject
        {
            ["expires"] = DateTimeOffset.UtcNow.AddYears(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["roots"] = FulcioPolicyParts.Roots(Mock),
            ["timestampauthorities"] = FulcioPolicyParts.TimestampAuthorities(Mock),
            ["steps"] = new JsonObject
            {
                ["build"] = new JsonObject
                {
                    ["name"] = "build",
                    ["functionaries"] = Functionaries(),
                    ["attestations"] = Types("material/v0.3", "command-run/v0.2", "product/v0.3"),
                },
                ["test"] = new JsonObject
                {
                    ["name"] = "test",
                    ["functionaries"] = Functionaries(),
                    ["attestations"] = Types("material/v0.3", "product/v0.3"),
                },
                ["pack"] = new JsonObject
                {
                    ["name"] = "pack",
                    ["artifactsFrom"] = new JsonArray("build"),
                    ["functionaries"] = Functionaries(),
                    ["attestations"] = Types("material/v0.3", "product/v0.3"),
                },
            },
        };
    }

    private static Dictionary<string, string?> GitHubEnvironment()
    {
        var env = NoCiEnvironment();
        env["CilockSigningKey"] = null;
        env["CI"] = "true";
        env["GITHUB_ACTIONS"] = "true";
        env["GITHUB_SERVER_URL"] = "https://github.com";
        env["GITHUB_REPOSITORY"] = "octo-org/hello-lib";
        env["GITHUB_RUN_ID"] = "9876543210";
        env["GITHUB_RUN_ATTEMPT"] = "1";
        env["GITHUB_WORKFLOW"] = "ci";
        env["GITHUB_WORKFLOW_REF"] = "octo-org/hello-lib/.github/workflows/ci.yml@refs/heads/main";
        env["GITHUB_ACTOR"] = "octocat";
        env["GITHUB_REF"] = "refs/heads/main";
        env["GITHUB_EVENT_NAME"] = "push";
        env["RUNNER_NAME"] = "GitHub Actions 1";
        env["RUNNER_OS"] = "Linux";
        env["RUNNER_ARCH"] = "X64";
        env["RUNNER_ENVIRONMENT"] = "github-hosted";
        env["GITHUB_STEP_SUMMARY"] = Path.Combine(_root, "step-summary.md");
        env["ACTIONS_ID_TOKEN_REQUEST_URL"] = Oidc.RequestUrl;
        env["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = Oidc.RequestToken;
        env["WITNESS_GITHUB_JWKS_URL"] = Oidc.JwksUrl;
        env["CILOCK_CI_ANNOTATIONS"] = "0";
        return env;
    }

    // The test host may itself run in CI: every variable that could select a CI platform or a token source is unset.
    private static Dictionary<string, string?> NoCiEnvironment() => new()
    {
        ["CI"] = null,
        ["GITHUB_ACTIONS"] = null,
        ["GITLAB_CI"] = null,
        ["TF_BUILD"] = null,
        ["ACTIONS_ID_TOKEN_REQUEST_URL"] = null,
        ["ACTIONS_ID_TOKEN_REQUEST_TOKEN"] = null,
        ["SIGSTORE_ID_TOKEN"] = null,
        ["SYSTEM_OIDCREQUESTURI"] = null,
        ["SYSTEM_ACCESSTOKEN"] = null,
        ["CI_JOB_JWT"] = null,
        ["GITHUB_STEP_SUMMARY"] = null,
    };
}
