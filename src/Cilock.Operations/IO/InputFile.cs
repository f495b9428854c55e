using Cilock.Attestation.Diagnostics;
using Cilock.Operations.Diagnostics;

namespace Cilock.Operations.IO;

/// <summary>Reads user-named input files with coded errors instead of raw I/O exceptions.</summary>
internal static class InputFile
{
    /// <summary>Evidence and key files are small; refusing huge inputs keeps a bad path from exhausting memory.</summary>
    public const long MaxBytes = 256L * 1024 * 1024;

    /// <summary>Reads the whole file.</summary>
    /// <exception cref="CilockException">CIL1520 missing/unreadable, CIL1521 directory, CIL1523 too large.</exception>
    public static byte[] ReadAllBytes(string path, string what)
    {
        if (Directory.Exists(path))
        {
            throw new CilockException(OperationDiagnostics.InputIsDirectory, $"{what} '{path}' is a directory, not a file");
        }

        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.CanSeek && stream.Length > MaxBytes)
            {
                throw new CilockException(OperationDiagnostics.InputTooLarge, $"{what} '{path}' is larger than {MaxBytes / (1024 * 1024)} MiB");
            }

            using var memory = new MemoryStream();
            stream.CopyTo(memory);
            return memory.ToArray();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CilockException(OperationDiagnostics.InputFileUnreadable, $"{what} '{path}' does not exist", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new CilockException(OperationDiagnostics.InputFileUnreadable, $"cannot read {what} '{path}': {e.Message}", e);
        }
    }
}
