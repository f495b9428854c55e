using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Cilock.Sigstore.Bundles;
using Cilock.Sigstore.TrustedRoots;
using Cilock.Sigstore.Verification;

namespace Cilock.Sigstore.Tests;

/// <summary>Targeted tampering of real bundles: each check of the verifier must be able to fail on its own.</summary>
[TestClass]
public sealed class VerificationTests
{
    private static readonly SigstoreVerificationOptions Expected = new()
    {
        CertificateIdentity = ConformanceTests.DefaultIdentity,
        CertificateOidcIssuer = ConformanceTests.DefaultIssuer,
    };

    [TestMethod]
    public void Verify_HappyPathV03_ReportsSignerAndTime()
    {
        var result = Verify("happy-path-v0.3", _ => { }, Expected);
        Assert.IsTrue(result.IsVerified, result.Failure?.Message);
        CollectionAssert.Contains(result.Identities.ToList(), ConformanceTests.DefaultIdentity);
        Assert.AreEqual(ConformanceTests.DefaultIssuer, result.Issuer);
        Assert.AreEqual(DateTimeOffset.FromUnixTimeSeconds(1710869186), result.VerifiedTimes.Single());
    }

    [TestMethod]
    public void Verify_DigestOnlyArtifact_Verifies()
    {
        var artifact = SigstoreArtifact.FromSha256(SHA256.HashData(File.ReadAllBytes(ArtifactPath())));
        var result = new SigstoreBundleVerifier(TrustedRoot.PublicGood()).Verify(Load("happy-path-v0.3", _ => { }), artifact, Expected);
        Assert.IsTrue(result.IsVerified, result.Failure?.Message);
    }

    [TestMethod]
    [DataRow("https://github.com/someone-else/repo/.github/workflows/x.yml@refs/heads/main", ConformanceTests.DefaultIssuer, SigstoreDiagnostics.IdentityMismatch)]
    [DataRow(ConformanceTests.DefaultIdentity, "https://accounts.google.com", SigstoreDiagnostics.IssuerMismatch)]
    public void Verify_OtherSigner_Refused(string identity, string issuer, string code)
    {
        var result = Verify("happy-path-v0.3", _ => { }, new SigstoreVerificationOptions { CertificateIdentity = identity, CertificateOidcIssuer = issuer });
        Assert.AreEqual(code, result.Failure?.Code, result.Failure?.Message);
    }

    [TestMethod]
    [DataRow("^https://github\\.com/sigstore-conformance/", true)]
    [DataRow("^https://github\\.com/evil/", false)]
    public void Verify_IdentityRegex_MatchesLikeGo(string pattern, bool verified)
    {
        var result = Verify("happy-path-v0.3", _ => { }, new SigstoreVerificationOptions { CertificateIdentityRegex = pattern });
        Assert.AreEqual(verified, result.IsVerified, result.Failure?.Message);
    }

    [TestMethod]
    public void Verify_ChangedArtifact_Refused()
    {
        var result = new SigstoreBundleVerifier(TrustedRoot.PublicGood()).Verify(Load("happy-path-v0.3", _ => { }), SigstoreArtifact.FromBytes("other"u8.ToArray()), Expected);
        Assert.AreEqual(SigstoreDiagnostics.ArtifactMismatch, result.Failure?.Code);
    }

    [TestMethod]
    public void Verify_NoIdentityPolicy_RefusedUnlessUnsafe()
    {
        Assert.AreEqual(SigstoreDiagnostics.UsageInvalid, Verify("happy-path-v0.3", _ => { }, new SigstoreVerificationOptions()).Failure?.Code);
        Assert.IsTrue(Verify("happy-path-v0.3", _ => { }, new SigstoreVerificationOptions { AcceptAnyIdentityUnsafe = true }).IsVerified);
    }

    [TestMethod]
    public void Verify_KeyGivenForCertificateBundle_Refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var result = Verify("happy-path-v0.3", _ => { }, new SigstoreVerificationOptions { PublicKey = key.ExportSubjectPublicKeyInfo() });
        Assert.AreEqual(SigstoreDiagnostics.KeyMismatch, result.Failure?.Code);
    }

    [TestMethod]
    public void Verify_FutureClock_RefusesIntegratedTimeAfterNow()
    {
        var past = new FixedClock(DateTimeOffset.FromUnixTimeSeconds(1710869186).AddDays(-1));
        var result = new SigstoreBundleVerifier(TrustedRoot.PublicGood(), past).Verify(Load("happy-path-v0.3", _ => { }), SigstoreArtifact.Parse(ArtifactPath()), Expected);
        Assert.AreEqual(SigstoreDiagnostics.TlogTimeInvalid, result.Failure?.Code, result.Failure?.Message);
    }

    [TestMethod]
    [DataRow("set", SigstoreDiagnostics.SetInvalid)]
    [DataRow("integratedTime", SigstoreDiagnostics.SetInvalid)]
    [DataRow("logId", SigstoreDiagnostics.TlogUnknown)]
    [DataRow("rootHash", SigstoreDiagnostics.InclusionProofInvalid)]
    [DataRow("checkpointSize", SigstoreDiagnostics.CheckpointInvalid)]
    [DataRow("checkpointSignature", SigstoreDiagnostics.CheckpointInvalid)]
    [DataRow("checkpointKeyHint", SigstoreDiagnostics.CheckpointInvalid)]
    [DataRow("checkpointRoot", SigstoreDiagnostics.CheckpointInvalid)]
    [DataRow("body", SigstoreDiagnostics.TlogBodyMismatch)]
    [DataRow("noTlog", SigstoreDiagnostics.BundleIncomplete)]
    [DataRow("signature", SigstoreDiagnostics.SignatureInvalid)]
    [DataRow("digestAlgorithm", SigstoreDiagnostics.ArtifactMismatch)]
    public void Verify_TamperedHappyPath_RefusedByTheRightCheck(string tamper, string code)
    {
        var result = Verify("happy-path-v0.3", json =>
        {
            var entry = json["verificationMaterial"]!["tlogEntries"]![0]!;
            var proof = entry["inclusionProof"]!;
            switch (tamper)
            {
                case "set": entry["inclusionPromise"]!["signedEntryTimestamp"] = Flip(entry["inclusionPromise"]!["signedEntryTimestamp"]!); break;
                case "integratedTime": entry["integratedTime"] = "1710869187"; break;
                case "logId": entry["logId"]!["keyId"] = Convert.ToBase64String(new byte[32]); break;
                case "rootHash": proof["rootHash"] = Flip(proof["rootHash"]!); break;
                case "checkpointSize": proof["checkpoint"]!["envelope"] = proof["checkpoint"]!["envelope"]!.GetValue<string>().Replace("\n75408393\n", "\n75408394\n", StringComparison.Ordinal); break;
                case "checkpointSignature": proof["checkpoint"]!["envelope"] = proof["checkpoint"]!["envelope"]!.GetValue<string>().Replace("wNI9ajBFAiBTyiBM9", "wNI9ajBFAiBTyiBM8", StringComparison.Ordinal); break;
                case "checkpointKeyHint": proof["checkpoint"]!["envelope"] = proof["checkpoint"]!["envelope"]!.GetValue<string>().Replace("\u2014 rekor.sigstore.dev wNI9aj", "\u2014 rekor.sigstore.dev xNI9aj", StringComparison.Ordinal); break;
                case "checkpointRoot": proof["checkpoint"]!["envelope"] = proof["checkpoint"]!["envelope"]!.GetValue<string>().Replace("\nFnnj13", "\nGnnj13", StringComparison.Ordinal); break;
                case "body": entry["canonicalizedBody"] = Convert.ToBase64String("{\"apiVersion\":\"0.0.1\",\"kind\":\"hashedrekord\",\"spec\":{}}"u8); break;
                case "noTlog": json["verificationMaterial"]!["tlogEntries"] = new JsonArray(); break;
                case "signature": json["messageSignature"]!["signature"] = Flip(json["messageSignature"]!["signature"]!); break;
                case "digestAlgorithm": json["messageSignature"]!["messageDigest"]!["algorithm"] = "SHA2_512"; break;
            }
        }, Expected);
        Assert.IsFalse(result.IsVerified);
        Assert.AreEqual(code, result.Failure!.Code, result.Failure.Message);
    }

    [TestMethod]
    public void Verify_NoCtLogsInRoot_RefusedForCertificateBundle()
    {
        var root = TrustedRoot.PublicGood();
        var withoutCt = TrustedRoot.Parse(Mutate(root.ToJsonBytes(), j => j["ctlogs"] = new JsonArray()));
        var result = new SigstoreBundleVerifier(withoutCt).Verify(Load("happy-path-v0.3", _ => { }), SigstoreArtifact.Parse(ArtifactPath()), Expected);
        Assert.AreEqual(SigstoreDiagnostics.SctInvalid, result.Failure?.Code);
    }

    [TestMethod]
    public void Verify_FulcioCaOutsideValidity_Refused()
    {
        var root = TrustedRoot.Parse(Mutate(TrustedRoot.PublicGood().ToJsonBytes(), j =>
        {
            foreach (var ca in j["certificateAuthorities"]!.AsArray())
            {
                ca!["validFor"] = new JsonObject { ["start"] = "2030-01-01T00:00:00Z" };
            }
        }));
        var result = new SigstoreBundleVerifier(root).Verify(Load("happy-path-v0.3", _ => { }), SigstoreArtifact.Parse(ArtifactPath()), Expected);
        Assert.AreEqual(SigstoreDiagnostics.CertificateChainInvalid, result.Failure?.Code);
    }

    internal static SigstoreVerificationResult Verify(string caseName, Action<JsonNode> mutate, SigstoreVerificationOptions options) =>
        new SigstoreBundleVerifier(TrustedRoot.PublicGood()).Verify(Load(caseName, mutate), SigstoreArtifact.Parse(ArtifactPath()), options);

    internal static SigstoreBundle Load(string caseName, Action<JsonNode> mutate) =>
        SigstoreBundle.Parse(Mutate(File.ReadAllBytes(Path.Combine(ConformanceCases.Folder(caseName), "bundle.sigstore.json")), mutate));

    internal static string ArtifactPath() => Path.Combine(ConformanceCases.Folder("happy-path-v0.3"), "..", "a.txt");

    private static byte[] Mutate(byte[] json, Action<JsonNode> mutate)
    {
        var node = JsonNode.Parse(json)!;
        mutate(node);
        return System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
    }

    private static string Flip(JsonNode base64)
    {
        var bytes = Convert.FromBase64String(base64.GetValue<string>());
        bytes[^3] ^= 0x01;
        return Convert.ToBase64String(bytes);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
