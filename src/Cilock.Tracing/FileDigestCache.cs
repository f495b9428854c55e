using System.Collections.Concurrent;
using System.Security.Cryptography;
using Cilock.Attestation.InToto;

namespace Cilock.Tracing;

/// <summary>
/// sha256 of regular files, computed once per (path, mtime, size) on worker threads as records stream in, so the
/// tracee never waits for hashing. A path that is missing or not a regular file yields <c>null</c>.
/// </summary>
internal sealed class FileDigestCache
{
    private readonly ConcurrentDictionary<(string Path, long Ticks, long Size), Lazy<Task<DigestSet?>>> _digests = new();
    private readonly SemaphoreSlim _workers = new(Math.Max(1, Environment.ProcessorCount));

    /// <summary>Virtual file systems whose content is not a file digest (and may be another process's secrets).</summary>
    public static bool IsPseudoPath(string path) =>
        path.StartsWith("/proc/", StringComparison.Ordinal) || path.StartsWith("/sys/", StringComparison.Ordinal)
        || path.StartsWith("/dev/", StringComparison.Ordinal);

    /// <summary>
    /// Why an opened path that has no digest is listed in <c>unhashedOpens</c>: <c>not-regular-file</c> (FIFO, socket,
    /// device), <c>unreadable</c> (a regular file we may not read); <c>null</c> for directories and missing paths.
    /// </summary>
    public static string? WhyUnhashed(string path)
    {
        if (Directory.Exists(path) || !File.Exists(path))
        {
            return null;
        }

        return NativeMethods.IsRegularFile(path) ? "unreadable" : "not-regular-file";
    }

    /// <summary>Returns the digest of the file as it is now (starting the hash if this version was not seen yet).</summary>
    public Task<DigestSet?> GetAsync(string path)
    {
        if (IsPseudoPath(path))
        {
            return Task.FromResult<DigestSet?>(null);
        }

        FileInfo info;
        try
        {
            // FileInfo follows links for size and time; the recorded path stays the one the process used.
            info = new FileInfo(path);
            if (!NativeMethods.IsRegularFile(path))
            {
                return Task.FromResult<DigestSet?>(null);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return Task.FromResult<DigestSet?>(null);
        }

        var key = (path, info.LastWriteTimeUtc.Ticks, info.Length);
        return _digests.GetOrAdd(key, k => new Lazy<Task<DigestSet?>>(() => HashAsync(k.Path))).Value;
    }

    private async Task<DigestSet?> HashAsync(string path)
    {
        await _workers.WaitAsync().ConfigureAwait(false);
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1 << 16, FileOptions.Asynchronous);
            return DigestSet.FromSha256(await SHA256.HashDataAsync(stream).ConfigureAwait(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Unreadable for us (permissions, FIFO, vanished): recorded without a digest.
            return null;
        }
        finally
        {
            _workers.Release();
        }
    }
}
