using System.Globalization;
using System.Net;
using System.Text.Json;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.IO;
using Cilock.Sigstore.TrustedRoots;
using Cilock.Sigstore.Verification;

namespace Cilock.Sigstore.Tuf;

/// <summary>
/// A TUF client (TUF specification 1.0 §5, top-level targets only, as Sigstore's repository uses): walks the root
/// chain with threshold signatures from both the old and the new root, then timestamp → snapshot → targets with
/// version, hash, expiry and rollback checks, and downloads targets verified by hash. Verified metadata is cached; when
/// the repository is unreachable the cache is re-verified and used with a CIL6055 warning. Security failures
/// (signatures, rollback, expiry, hashes) never fall back to the cache.
/// </summary>
public sealed class TufClient
{
    private const long MaxMetadataBytes = 4 * 1024 * 1024;
    private const long MaxTargetBytes = 32 * 1024 * 1024;
    private readonly TufClientOptions _options;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;

    /// <summary>Creates a client.</summary>
    /// <param name="options">Repository, trust anchor and cache.</param>
    /// <param name="http">The HTTP client to use (the caller owns it).</param>
    /// <param name="time">The clock for expiry checks; the system clock by default.</param>
    public TufClient(TufClientOptions options, HttpClient http, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(http);
        _options = options;
        _http = http;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Refreshes the metadata and returns the verified Sigstore <c>trusted_root.json</c> target.</summary>
    /// <exception cref="CilockException">CIL605x when the metadata or target cannot be trusted, CIL6004 when the target is not a trusted root.</exception>
    public async Task<(TrustedRoot Root, IReadOnlyList<Diagnostic> Warnings)> GetTrustedRootAsync(CancellationToken cancellationToken = default)
    {
        var result = await GetTargetAsync("trusted_root.json", cancellationToken).ConfigureAwait(false);
        return (TrustedRoot.Parse(result.Content), result.Warnings);
    }

    /// <summary>Refreshes the metadata (or falls back to the verified cache when offline) and returns a verified target.</summary>
    /// <exception cref="CilockException">CIL6050–CIL6056.</exception>
    public async Task<TufTargetResult> GetTargetAsync(string targetName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetName);
        if (targetName.Contains('/', StringComparison.Ordinal) || targetName.Contains('\\', StringComparison.Ordinal) || targetName.StartsWith('.'))
        {
            throw new CilockException(SigstoreDiagnostics.TufTargetMissing, $"target name '{targetName}' is not a plain file name");
        }

        Directory.CreateDirectory(_options.CacheDirectory);
        try
        {
            var targets = await RefreshAsync(cancellationToken).ConfigureAwait(false);
            var (entry, url) = TargetEntry(targets, targetName);
            var content = await FetchAsync(url, MaxTargetBytes, cancellationToken).ConfigureAwait(false)
                ?? throw new CilockException(SigstoreDiagnostics.TufTargetMissing, $"target '{targetName}' is listed but not served at {url}");
            TufMetadata.CheckLengthAndHashes(entry, content, $"target '{targetName}'", hashesRequired: true);
            AtomicFile.WriteAllBytes(CachePath("targets", targetName), content);
            return new TufTargetResult(content, false, []);
        }
        catch (TufUnreachableException e)
        {
            return FromCache(targetName, e.Message);
        }
    }

    private async Task<TufMetadata> RefreshAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var root = LoadTrustedRoot();
        var rootChanged = false;
        for (var i = 0; i < _options.MaxRootRotations; i++)
        {
            var next = root.Version + 1;
            var raw = await FetchAsync(new Uri(_options.MetadataUrl, $"{next}.root.json"), MaxMetadataBytes, cancellationToken).ConfigureAwait(false);
            if (raw is null)
            {
                break;
            }

            var candidate = TufMetadata.Parse(raw, TufRole.Root);
            candidate.VerifyRole(root, TufRole.Root);
            candidate.VerifyRole(candidate, TufRole.Root);
            if (candidate.Version != next)
            {
                throw new CilockException(SigstoreDiagnostics.TufRollback, $"{next}.root.json has version {candidate.Version}");
            }

            root = candidate;
            rootChanged = true;
            AtomicFile.WriteAllBytes(CachePath("root.json"), root.Raw);
        }

        root.CheckNotExpired(now);
        if (rootChanged)
        {
            // New root keys may have been rotated because the old ones leaked: forget what they vouched for (TUF 5.3.11).
            File.Delete(CachePath("timestamp.json"));
            File.Delete(CachePath("snapshot.json"));
        }

        var oldTimestamp = TrustedCached("timestamp.json", TufRole.Timestamp, root);
        var timestamp = TufMetadata.Parse(await FetchRequiredAsync("timestamp.json", cancellationToken).ConfigureAwait(false), TufRole.Timestamp);
        timestamp.VerifyRole(root, TufRole.Timestamp);
        var snapshotVersion = MetaVersion(timestamp, "snapshot.json");
        if (oldTimestamp is not null)
        {
            RefuseRollback(oldTimestamp.Version, timestamp.Version, "timestamp");
            RefuseRollback(MetaVersion(oldTimestamp, "snapshot.json"), snapshotVersion, "snapshot (per timestamp)");
        }

        timestamp.CheckNotExpired(now);
        AtomicFile.WriteAllBytes(CachePath("timestamp.json"), timestamp.Raw);

        var consistent = root.Signed.TryGetProperty("consistent_snapshot", out var c) && c.ValueKind == JsonValueKind.True;
        var oldSnapshot = TrustedCached("snapshot.json", TufRole.Snapshot, root);
        var snapshotRaw = await FetchRequiredAsync(consistent ? $"{snapshotVersion}.snapshot.json" : "snapshot.json", cancellationToken).ConfigureAwait(false);
        TufMetadata.CheckLengthAndHashes(timestamp.Meta("snapshot.json")!.Value, snapshotRaw, "snapshot.json", hashesRequired: false);
        var snapshot = TufMetadata.Parse(snapshotRaw, TufRole.Snapshot);
        snapshot.VerifyRole(root, TufRole.Snapshot);
        if (snapshot.Version != snapshotVersion)
        {
            throw new CilockException(SigstoreDiagnostics.TufRollback, $"snapshot has version {snapshot.Version}; timestamp promised {snapshotVersion}");
        }

        if (oldSnapshot is not null && oldSnapshot.Signed.TryGetProperty("meta", out var oldMeta))
        {
            foreach (var file in oldMeta.EnumerateObject())
            {
                var newVersion = snapshot.Meta(file.Name) is { } entry ? entry.GetProperty("version").GetInt64() : -1;
                RefuseRollback(file.Value.GetProperty("version").GetInt64(), newVersion, file.Name);
            }
        }

        snapshot.CheckNotExpired(now);
        AtomicFile.WriteAllBytes(CachePath("snapshot.json"), snapshot.Raw);

        var targetsVersion = MetaVersion(snapshot, "targets.json");
        var targetsRaw = await FetchRequiredAsync(consistent ? $"{targetsVersion}.targets.json" : "targets.json", cancellationToken).ConfigureAwait(false);
        TufMetadata.CheckLengthAndHashes(snapshot.Meta("targets.json")!.Value, targetsRaw, "targets.json", hashesRequired: false);
        var targets = TufMetadata.Parse(targetsRaw, TufRole.Targets);
        targets.VerifyRole(root, TufRole.Targets);
        if (targets.Version != targetsVersion)
        {
            throw new CilockException(SigstoreDiagnostics.TufRollback, $"targets has version {targets.Version}; snapshot promised {targetsVersion}");
        }

        targets.CheckNotExpired(now);
        AtomicFile.WriteAllBytes(CachePath("targets.json"), targets.Raw);
        return targets;
    }

    /// <summary>Offline: the cached chain is re-verified (signatures against the cached root, expiry) before use.</summary>
    private TufTargetResult FromCache(string targetName, string reason)
    {
        var now = _time.GetUtcNow();
        var root = LoadTrustedRoot();
        var timestamp = TrustedCached("timestamp.json", TufRole.Timestamp, root);
        var snapshot = TrustedCached("snapshot.json", TufRole.Snapshot, root);
        var targets = TrustedCached("targets.json", TufRole.Targets, root);
        var path = CachePath("targets", targetName);
        if (timestamp is null || snapshot is null || targets is null || !File.Exists(path))
        {
            // Checked before expiry: with no cache the cause is being offline, even when the shipped initial root has
            // expired (normal for TUF, a refresh would have walked the root chain). Nothing is trusted on this path.
            throw new CilockException(SigstoreDiagnostics.TufOffline, $"the TUF repository is unreachable ({reason}) and no verified cache exists in '{_options.CacheDirectory}'");
        }

        root.CheckNotExpired(now);
        timestamp.CheckNotExpired(now);
        snapshot.CheckNotExpired(now);
        targets.CheckNotExpired(now);
        var content = File.ReadAllBytes(path);
        TufMetadata.CheckLengthAndHashes(TargetEntry(targets, targetName).Entry, content, $"cached target '{targetName}'", hashesRequired: true);
        var warning = Diagnostic.Warning(SigstoreDiagnostics.TufOffline,
            $"the TUF repository is unreachable ({reason}); using the verified cache (timestamp v{timestamp.Version}, expires {timestamp.Expires.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)}); revocations published since then are not seen");
        return new TufTargetResult(content, true, [warning]);
    }

    private (JsonElement Entry, Uri Url) TargetEntry(TufMetadata targets, string name)
    {
        if (!targets.Signed.TryGetProperty("targets", out var all) || !all.TryGetProperty(name, out var entry))
        {
            throw new CilockException(SigstoreDiagnostics.TufTargetMissing, $"the TUF targets metadata does not list '{name}'");
        }

        var consistent = LoadTrustedRoot().Signed.TryGetProperty("consistent_snapshot", out var c) && c.ValueKind == JsonValueKind.True;
        var baseUrl = _options.TargetsUrl ?? new Uri(_options.MetadataUrl, "targets/");
        var file = name;
        if (consistent && entry.TryGetProperty("hashes", out var hashes) && hashes.TryGetProperty("sha256", out var sha256))
        {
            file = $"{sha256.GetString()}.{name}";
        }

        return (entry, new Uri(baseUrl, file));
    }

    /// <summary>The newest verified root: the cache's if present, else the initial one.</summary>
    private TufMetadata LoadTrustedRoot()
    {
        var cached = CachePath("root.json");
        var initial = TufMetadata.Parse(_options.InitialRoot, TufRole.Root);
        if (!File.Exists(cached))
        {
            return initial;
        }

        // The cache only ever holds roots verified by the chain; a lower version than the shipped root is stale.
        var root = TufMetadata.Parse(File.ReadAllBytes(cached), TufRole.Root);
        return root.Version >= initial.Version ? root : initial;
    }

    private TufMetadata? TrustedCached(string file, string role, TufMetadata root)
    {
        var path = CachePath(file);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var metadata = TufMetadata.Parse(File.ReadAllBytes(path), role);
            metadata.VerifyRole(root, role);
            return metadata;
        }
        catch (CilockException)
        {
            return null; // A cache entry the current root no longer vouches for carries no rollback protection.
        }
    }

    private static long MetaVersion(TufMetadata metadata, string file) =>
        metadata.Meta(file) is { } entry && entry.TryGetProperty("version", out var version) && version.TryGetInt64(out var value)
            ? value
            : throw new CilockException(SigstoreDiagnostics.TufMetadataInvalid, $"{metadata.Type} v{metadata.Version} does not give the version of {file}");

    private static void RefuseRollback(long trusted, long offered, string what)
    {
        if (offered < trusted)
        {
            throw new CilockException(SigstoreDiagnostics.TufRollback, $"the repository offers {what} version {offered}, older than the trusted version {trusted}");
        }
    }

    private async Task<byte[]> FetchRequiredAsync(string file, CancellationToken cancellationToken) =>
        await FetchAsync(new Uri(_options.MetadataUrl, file), MaxMetadataBytes, cancellationToken).ConfigureAwait(false)
        ?? throw new TufUnreachableException($"{file} is not served (404)");

    /// <summary>GET with a time limit and one retry on 5xx; <c>null</c> for 404/403 (TUF's "no such version").</summary>
    private async Task<byte[]?> FetchAsync(Uri url, long limit, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.RequestTimeout);
            try
            {
                using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
                {
                    return null;
                }

                if ((int)response.StatusCode >= 500 && attempt < 2)
                {
                    continue;
                }

                if (!response.IsSuccessStatusCode)
                {
                    throw new TufUnreachableException($"GET {url} returned {(int)response.StatusCode}");
                }

                return await ReadLimitedAsync(response, limit, url, timeout.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new TufUnreachableException($"GET {url} failed: {e.Message}");
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TufUnreachableException($"GET {url} timed out after {_options.RequestTimeout.TotalSeconds:0.#} s");
            }
        }
    }

    private static async Task<byte[]> ReadLimitedAsync(HttpResponseMessage response, long limit, Uri url, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw new CilockException(SigstoreDiagnostics.TufHashMismatch, $"{url} is larger than the {limit} bytes allowed");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private string CachePath(params string[] parts) => Path.Combine([_options.CacheDirectory, .. parts]);

    /// <summary>The repository could not be reached; the only failure that may fall back to the verified cache.</summary>
    private sealed class TufUnreachableException(string message) : Exception(message);
}
