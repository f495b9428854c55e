using Cilock.Attestation.Attestors.Ci;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Operations.Archivista;

/// <summary>Uploads signed evidence files after a step (<c>cilock run --archivista</c>, <c>CilockArchivistaUrl</c>).</summary>
public static class ArchivistaPublisher
{
    /// <summary>
    /// Uploads one envelope file exactly as written, minus any trailing line break (cilock's byte convention), and
    /// returns the gitoid the server assigned.
    /// </summary>
    /// <exception cref="CilockException">CIL1714 when the file cannot be read or the upload fails (the cause is in the message).</exception>
    public static async Task<string> UploadFileAsync(ArchivistaSettings settings, string envelopePath, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(envelopePath, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CilockException(CiDiagnostics.ArchivistaUploadFailed, $"cannot read '{envelopePath}' for upload: {e.Message}", e);
        }

        var length = bytes.Length;
        while (length > 0 && bytes[length - 1] is (byte)'\n' or (byte)'\r')
        {
            length--;
        }

        try
        {
            using var client = await settings.ConnectAsync(ct).ConfigureAwait(false);
            return await client.UploadAsync(bytes.AsMemory(0, length), ct).ConfigureAwait(false);
        }
        catch (CilockException e) when (e.Code != CiDiagnostics.ArchivistaUploadFailed)
        {
            throw new CilockException(CiDiagnostics.ArchivistaUploadFailed, $"evidence '{Path.GetFileName(envelopePath)}' was not uploaded: {e.Code}: {e.Message}", e);
        }
    }
}
