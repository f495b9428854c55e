using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.TrustedRoots;
using Cilock.Sigstore.Tuf;
using Cilock.Sigstore.Verification;
using Cilock.TestUtilities;

namespace Cilock.Sigstore.Tests;

[TestClass]
public sealed class TufClientTests
{
    private static readonly byte[] Target = TrustedRoot.PublicGood().ToJsonBytes();
    private static readonly HttpClient Http = new();

    [TestMethod]
    public async Task GetTrustedRoot_FreshRepository_ReturnsVerifiedTarget()
    {
        using var repo = new TufTestRepository();
        var initial = repo.PublishRoot(1, TufTestRepository.InAYear);
        repo.PublishTop(1, Target, TufTestRepository.InAYear);
        using var cache = new TempDirectory();

        var (root, warnings) = await Client(repo, initial, cache).GetTrustedRootAsync();

        Assert.IsEmpty(warnings);
        Assert.AreEqual("https://rekor.sigstore.dev", root.Tlogs[0].BaseUrl);
        CollectionAssert.AreEqual(Target, File.ReadAllBytes(cache.Combine("tuf", "targets", "trusted_root.json")));
    }

    [TestMethod]
    public async Task GetTarget_RootRotatedWithBothSignatures_FollowsChain()
    {
        using var repo = new TufTestRepository();
        var initial = repo.PublishRoot(1, TufTestRepository.InAYear);
        var oldKey = repo.RootKey;
        repo.RootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        repo.PublishRoot(2, TufTestRepository.InAYear, oldKey, repo.RootKey);
        repo.PublishTop(1, Target, TufTestRepository.InAYear);
        using var cache = new TempDirectory();

        await Client(repo, initial, cache).GetTargetAsync("trusted_root.json");

        using var cached = JsonDocument.Parse(File.ReadAllBytes(cache.Combine("tuf", "root.json")));
        Assert.AreEqual(2, cached.RootElement.GetProperty("signed").GetProperty("version").GetInt32());
    }

    [TestMethod]
    public async Task GetTarget_RootRotatedWithoutOldRootSignature_Refused()
    {
        using var repo = new TufTestRepository();
        var initial = repo.PublishRoot(1, TufTestRepository.InAYear);
        repo.RootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        repo.PublishRoot(2, TufTestRepository.InAYear, repo.RootKey);
        repo.PublishTop(1, Target, TufTestRepository.InAYear);
        using var cache = new TempDirectory();

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => Client(repo, initial, cache).GetTargetAsync("trusted_root.json"));
        Assert.AreEqual(SigstoreDiagnostics.TufThresholdNotMet, e.Code, e.Message);
    }

    [TestMethod]
    public async Task GetTarget_ExpiredTimestamp_Refused()
    {
        using var repo = new TufTestRepository();
        var initial = repo.PublishRoot(1, TufTestRepository.InAYear);
        repo.PublishTop(1, Target, TufTestRepository.InAYear, timestampExpires: DateTimeOffset.UtcNow.AddMinutes(-1));
        using var cache = new TempDirectory();

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => Client(repo, initial, cache).GetTargetAsync("trusted_root.json"));
        Assert.AreEqual(SigstoreDiagnostics.TufExpired, e.Code, e.Message);
        StringAssert.Contains(e.Message, "timestamp");
    }

    [TestMethod]
    public async Task GetTarget_ExpiredRoot_Refused()
    {
        using var repo = new TufTestRepository();
        var initial = repo.PublishRoot(1, DateTimeOffset.UtcNow.AddDays(-1));
        repo.PublishTop(1, Target, TufTestRepository.InAYear);
        using var cache = new TempDirectory();

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => Client(repo, initial, cache).GetTargetAsync("trusted_root.json"));
        Assert.AreEqual(SigstoreDiagnostics.TufExpired, e.Code, e.Message);
    }

    [TestMethod]
    public async Task GetTarget_TimestampRolledBack_Refused()
    {
        using var repo = new TufTestRepository();
        var initial = repo.PublishRoot(1, TufTestRepository.InAYear);
        repo.PublishTop(1, Target, TufTestRepository.InAYear);
        var oldTimestamp = repo["timestamp.json"];
        var oldSnapshot = repo["snapshot.json"];
        repo.PublishTop(2, Target, TufTestRepository.InAYear);
        using var cache = new TempDirectory();
        var client = Client(repo, initial, cache);
        await client.GetTargetAsync("trusted_root.json");

        repo["timestamp.json"] = oldTimestamp;
        repo["snapshot.json"] = oldSnapshot;
        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => client.GetTargetAsync("trusted_root.json"));
        Assert.AreEqual(SigstoreDiagnostics.TufRollback, e.Code, e.Message);
    }

    [TestMethod]
    public async Task GetTarget_TamperedTarget_Refused()
    {
        using var repo = new TufTestRepository();
        var initial = repo.PublishRoot(1, TufTestRepository.InAYear);
        repo.PublishTop(1, Target, TufTestRepository.InAYear);
        var tampered = (byte[])Target.Clone();
        tampered[10] ^= 1;
        repo["targets/trusted_root.json"] = tampered;
        using var cache = new TempDirectory();

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => Client(repo, initial, cache).GetTargetAsync("trusted_root.json"));
        Assert.AreEqual(SigstoreDiagnostics.TufHashMismatch, e.Code, e.Message);
        Assert.IsFalse(File.Exists(cache.Combine("tuf", "targets", "trusted_root.json")), "an unverified target must never reach the cache");
    }

    [TestMethod]
    public async Task GetTarget_SnapshotSignedByWrongRole_Refused()
    {
        using var repo = new TufTestRepository();
        var initial = repo.PublishRoot(1, TufTestRepository.InAYear);
        repo.PublishTop(1, Target, TufTestRepository.InAYear, snapshotSigner: repo.TargetsKey);
        using var cache = new TempDirectory();

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => Client(repo, initial, cache).GetTargetAsync("trusted_root.json"));
        Assert.AreEqual(SigstoreDiagnostics.TufThresholdNotMet, e.Code, e.Message);
    }

    [TestMethod]
    public async Task GetTarget_UnlistedTarget_Refused()
    {
        using var repo = new TufTestRepository();
        var initial = repo.PublishRoot(1, TufTestRepository.InAYear);
        repo.PublishTop(1, Target, TufTestRepository.InAYear);
        using var cache = new TempDirectory();

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => Client(repo, initial, cache).GetTargetAsync("other.json"));
        Assert.AreEqual(SigstoreDiagnostics.TufTargetMissing, e.Code);
    }

    [TestMethod]
    public async Task GetTarget_Offline_UsesVerifiedCacheWithWarning()
    {
        using var cache = new TempDirectory();
        var (initial, deadUrl) = await FillCacheThenGoOfflineAsync(cache, publish: true);

        var result = await Client(deadUrl, initial, cache).GetTargetAsync("trusted_root.json");

        Assert.IsTrue(result.FromCache);
        CollectionAssert.AreEqual(Target, result.Content);
        var warning = result.Warnings.Single();
        Assert.AreEqual(SigstoreDiagnostics.TufOffline, warning.Code);
        Assert.AreEqual(DiagnosticSeverity.Warning, warning.Severity);
    }

    [TestMethod]
    public async Task GetTarget_OfflineWithTamperedCache_Refused()
    {
        using var cache = new TempDirectory();
        var (initial, deadUrl) = await FillCacheThenGoOfflineAsync(cache, publish: true);

        File.WriteAllText(cache.Combine("tuf", "targets", "trusted_root.json"), "{}");
        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => Client(deadUrl, initial, cache).GetTargetAsync("trusted_root.json"));
        Assert.AreEqual(SigstoreDiagnostics.TufHashMismatch, e.Code);
    }

    [TestMethod]
    public async Task GetTarget_OfflineWithoutCache_FailsWithOfflineCode()
    {
        using var cache = new TempDirectory();
        var (initial, deadUrl) = await FillCacheThenGoOfflineAsync(cache, publish: false);

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => Client(deadUrl, initial, cache).GetTargetAsync("trusted_root.json"));
        Assert.AreEqual(SigstoreDiagnostics.TufOffline, e.Code);
    }

    [TestMethod]
    public void CanonicalJson_SortsMembersAndEscapesOnlyQuoteAndBackslash()
    {
        using var document = JsonDocument.Parse("""{ "b": 1, "a": "x\"y\\z\u00e9\n", "c": [true, null, {"z": 0, "Z": -5}] }""");
        Assert.AreEqual("{\"a\":\"x\\\"y\\\\z\u00e9\n\",\"b\":1,\"c\":[true,null,{\"Z\":-5,\"z\":0}]}", Encoding.UTF8.GetString(CanonicalJson.Encode(document.RootElement)));
        using var floating = JsonDocument.Parse("{\"a\":1.5}");
        Assert.ThrowsExactly<FormatException>(() => CanonicalJson.Encode(floating.RootElement));
    }

    /// <summary>Serves a repository (optionally refreshing once into the cache), then shuts it down; returns its root and dead URL.</summary>
    private static async Task<(byte[] InitialRoot, Uri DeadUrl)> FillCacheThenGoOfflineAsync(TempDirectory cache, bool publish)
    {
        using var repo = new TufTestRepository();
        var initial = repo.PublishRoot(1, TufTestRepository.InAYear);
        if (publish)
        {
            repo.PublishTop(1, Target, TufTestRepository.InAYear);
            await Client(repo, initial, cache).GetTargetAsync("trusted_root.json");
        }

        return (initial, repo.Url);
    }

    private static TufClient Client(TufTestRepository repo, byte[] initial, TempDirectory cache) => Client(repo.Url, initial, cache);

    private static TufClient Client(Uri url, byte[] initial, TempDirectory cache) => new(new TufClientOptions
    {
        MetadataUrl = url,
        InitialRoot = initial,
        CacheDirectory = cache.Combine("tuf"),
        RequestTimeout = TimeSpan.FromSeconds(10),
    }, Http);
}
