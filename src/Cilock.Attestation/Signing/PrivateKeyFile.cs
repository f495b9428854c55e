using Cilock.Attestation.Diagnostics;

namespace Cilock.Attestation.Signing;

/// <summary>
/// Writes secret files: created with mode 0600 from the first byte (no window where another user could read a
/// default-mode temp file), fully written, then renamed into place.
/// </summary>
internal static class PrivateKeyFile
{
    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/>; returns <c>false</c> when
    /// <paramref name="overwrite"/> is false and the file already exists (the existing file is left untouched).</summary>
    /// <exception cref="CilockException">CIL1002 when the file cannot be written.</exception>
    public static bool Write(string path, string content, bool overwrite)
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
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(temp, options))
            {
                stream.Write(System.Text.Encoding.UTF8.GetBytes(content));
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
            // Lost a creation race: another process's key won; the caller re-reads it.
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
            // Best effort: the temp name is unique and hidden.
        }
    }
}
