using Cilock.Attestation.Diagnostics;
using Cilock.Operations.Diagnostics;

namespace Cilock.Operations.IO;

/// <summary>
/// Checks that an output file can be created before the (possibly long) work that produces it starts, so a typo in
/// <c>--outfile</c> fails in a second instead of after the build.
/// </summary>
internal static class OutputProbe
{
    /// <summary>Throws unless a file can be created next to <paramref name="path"/> and the path is not a directory.</summary>
    /// <exception cref="CilockException">CIL1503 when the path is a directory or its folder cannot be written.</exception>
    public static void EnsureWritable(string path)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new CilockException(OperationDiagnostics.InvalidOutputPath, $"cannot write '{path}': it is a directory");
        }

        var dir = Path.GetDirectoryName(full)!;
        var probe = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.{Guid.NewGuid():N}.probe");
        try
        {
            Directory.CreateDirectory(dir);
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new CilockException(OperationDiagnostics.InvalidOutputPath, $"cannot write '{path}': {e.Message}", e);
        }
    }
}
