using Cilock.Attestation.Diagnostics;

namespace Cilock.Operations.Signing;

/// <summary>Opens or reads the file to sign, mapping I/O failures to CIL6122.</summary>
internal static class InputFiles
{
    /// <summary>Opens <paramref name="path"/> for reading.</summary>
    public static FileStream Open(string path) => Guard(path, () => File.OpenRead(path));

    /// <summary>Reads <paramref name="path"/> whole.</summary>
    public static byte[] Read(string path) => Guard(path, () => File.ReadAllBytes(path));

    private static T Guard<T>(string path, Func<T> io)
    {
        try
        {
            return io();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CilockException(SigningDiagnostics.InputUnreadable, $"cannot read '{path}': {e.Message}", e);
        }
    }
}
