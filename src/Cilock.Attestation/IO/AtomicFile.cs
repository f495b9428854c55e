using Cilock.Attestation.Diagnostics;

namespace Cilock.Attestation.IO;

/// <summary>
/// Writes files so that readers never see a half-written one: the bytes go to a temporary file in the same folder,
/// which is then renamed over the target (an atomic replace on POSIX file systems).
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically, creating the folder.</summary>
    /// <exception cref="CilockException">CIL1002 when the path is a directory or cannot be written.</exception>
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content) =>
        Write(path, content, overwrite: true, unixMode: null);

    /// <summary>Writes UTF-8 text (no BOM) atomically.</summary>
    public static void WriteAllText(string path, string content) =>
        WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(content));

    /// <summary>
    /// Writes <paramref name="content"/> atomically with full control: <paramref name="unixMode"/> is applied when the
    /// temporary file is created (so a secret is never readable by others, not even for a moment), and with
    /// <paramref name="overwrite"/> false an existing file is left untouched and <c>false</c> is returned — also when
    /// another process wins a creation race.
    /// </summary>
    /// <exception cref="CilockException">CIL1002 when the path is a directory or cannot be written.</exception>
    public static bool Write(string path, ReadOnlySpan<byte> content, bool overwrite, UnixFileMode? unixMode)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new CilockException("CIL1002", $"cannot write '{path}': it is a directory");
        }

        var dir = Path.GetDirectoryName(full)!;
        var temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(dir);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (unixMode is { } mode && !OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = mode;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            if (!overwrite && File.Exists(full))
            {
                TryDelete(temp);
                return false;
            }

            File.Move(temp, full, overwrite);
            return true;
        }
        catch (IOException) when (!overwrite && File.Exists(full))
        {
            // Lost a creation race: the other writer's file stands and the caller re-reads it.
            TryDelete(temp);
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(temp);
            throw new CilockException("CIL1002", $"cannot write '{path}': {e.Message}", e);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the temp name is unique and hidden, so a leftover never shadows real evidence.
        }
    }
}
