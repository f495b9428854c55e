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
    public static void WriteAllBytes(string path, ReadOnlySpan<byte> content)
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
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, full, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            TryDelete(temp);
            throw new CilockException("CIL1002", $"cannot write '{path}': {e.Message}", e);
        }
    }

    /// <summary>Writes UTF-8 text (no BOM) atomically.</summary>
    public static void WriteAllText(string path, string content) =>
        WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(content));

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
