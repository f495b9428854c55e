using System.Text.Json.Nodes;
using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Tuf;
using Cilock.Sigstore.Verification;
using Cilock.TestUtilities;

namespace Cilock.Sigstore.Tests;

/// <summary>The embedded public-good TUF root and the <c>--tuf-url</c> path that uses it, with no network.</summary>
[TestClass]
public sealed class TufRootsTests
{
    private const string NpmSeeds = "/usr/lib/node_modules/npm/node_modules/@sigstore/tuf/seeds.json";

    [TestMethod]
    public void PublicGoodRoot_SignedByThresholdOfItsOwnRootKeys()
    {
        var root = TufMetadata.Parse(TufRoots.PublicGoodRoot(), TufRole.Root);

        root.VerifyRole(root, TufRole.Root);

        Assert.AreEqual(14, root.Version);
        Assert.AreEqual(3, root.Signed.GetProperty("roles").GetProperty("root").GetProperty("threshold").GetInt32());
    }

    [TestMethod]
    public void PublicGoodRoot_SignaturesBelowThreshold_Refused()
    {
        var json = JsonNode.Parse(TufRoots.PublicGoodRoot())!;
        var signatures = json["signatures"]!.AsArray();
        while (signatures.Count > 2)
        {
            signatures.RemoveAt(signatures.Count - 1);
        }

        var root = TufMetadata.Parse(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()), TufRole.Root);

        var e = Assert.ThrowsExactly<CilockException>(() => root.VerifyRole(root, TufRole.Root));
        Assert.AreEqual(SigstoreDiagnostics.TufThresholdNotMet, e.Code);
    }

    [TestMethod]
    public void PublicGoodRoot_ChangedSignedContent_Refused()
    {
        var json = JsonNode.Parse(TufRoots.PublicGoodRoot())!;
        json["signed"]!["expires"] = "2099-01-01T00:00:00Z";

        var root = TufMetadata.Parse(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString()), TufRole.Root);

        Assert.AreEqual(SigstoreDiagnostics.TufThresholdNotMet, Assert.ThrowsExactly<CilockException>(() => root.VerifyRole(root, TufRole.Root)).Code);
    }

    [TestMethod]
    public void PublicGoodRoot_SameBytesAsTheNpmSeed()
    {
        if (!File.Exists(NpmSeeds))
        {
            Assert.Inconclusive($"{NpmSeeds} is absent");
        }

        var seed = JsonNode.Parse(File.ReadAllText(NpmSeeds))!["https://tuf-repo-cdn.sigstore.dev"]!["root.json"]!.GetValue<string>();

        CollectionAssert.AreEqual(Convert.FromBase64String(seed), TufRoots.PublicGoodRoot());
    }

    [TestMethod]
    [DataRow("https://tuf-repo-cdn.sigstore.dev", true)]
    [DataRow("https://tuf-repo-cdn.sigstore.dev/", true)]
    [DataRow("HTTPS://TUF-REPO-CDN.SIGSTORE.DEV/", true)]
    [DataRow("http://tuf-repo-cdn.sigstore.dev/", false)]
    [DataRow("https://tuf-repo-cdn.sigstore.dev:8443/", false)]
    [DataRow("https://tuf-repo-cdn.sigstore.dev/staging/", false)]
    [DataRow("https://tuf-repo-cdn.sigstore.dev.evil.example/", false)]
    public void IsPublicGood_OnlyTheHttpsRepositoryRoot(string url, bool expected) =>
        Assert.AreEqual(expected, TufRoots.IsPublicGood(new Uri(url)));

    [TestMethod]
    public async Task VerifyBundle_PublicGoodTufOfflineNoCache_EmbeddedRootWithWarning()
    {
        var folder = ConformanceCases.Folder("happy-path-v0.3");
        using var temp = new TempDirectory();
        using var http = new HttpClient(new OfflineHandler());

        var result = await VerifyBundleOperation.ExecuteAsync(Request(folder, temp, tufRoot: null), http);

        Assert.IsTrue(result.IsVerified, result.Failure?.Message);
        Assert.AreEqual(SigstoreDiagnostics.TufEmbeddedRootUsed, result.Warnings.Single().Code);
        Assert.AreEqual(DiagnosticSeverity.Warning, result.Warnings.Single().Severity);
    }

    [TestMethod]
    public async Task VerifyBundle_PublicGoodTufOfflineWithGivenRoot_NoEmbeddedFallback()
    {
        var folder = ConformanceCases.Folder("happy-path-v0.3");
        using var temp = new TempDirectory();
        var root = temp.Combine("root.json");
        File.WriteAllBytes(root, TufRoots.PublicGoodRoot());
        using var http = new HttpClient(new OfflineHandler());

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => VerifyBundleOperation.ExecuteAsync(Request(folder, temp, root), http));

        Assert.AreEqual(SigstoreDiagnostics.TufOffline, e.Code);
    }

    [TestMethod]
    public async Task VerifyBundle_OtherTufUrlWithoutRoot_UsageError()
    {
        var folder = ConformanceCases.Folder("happy-path-v0.3");
        using var temp = new TempDirectory();
        using var http = new HttpClient(new OfflineHandler());
        var request = Request(folder, temp, tufRoot: null) with { TufUrl = new Uri("https://tuf.example.org/") };

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => VerifyBundleOperation.ExecuteAsync(request, http));

        Assert.AreEqual(SigstoreDiagnostics.UsageInvalid, e.Code);
    }

    private static VerifyBundleRequest Request(string folder, TempDirectory temp, string? tufRoot) => new()
    {
        BundlePath = Path.Combine(folder, "bundle.sigstore.json"),
        Artifact = Path.Combine(folder, "..", "a.txt"),
        CertificateIdentity = ConformanceTests.DefaultIdentity,
        CertificateOidcIssuer = ConformanceTests.DefaultIssuer,
        TufUrl = TufRoots.PublicGoodUrl,
        TufRootPath = tufRoot,
        TufCacheDirectory = temp.Combine("tuf"),
    };

    /// <summary>No network: every request fails as an unreachable host does.</summary>
    private sealed class OfflineHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("no network in tests");
    }
}
