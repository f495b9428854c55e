using System.Security.Cryptography;
using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Server.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Cilock.Gate.Server.Admission;

/// <summary>
/// A request body streamed into a fresh private directory (0700) as one file (0600), hashed while it is written and
/// cut off at the configured size. The directory is deleted on dispose.
/// </summary>
internal sealed class UploadedBody : IDisposable
{
    private const int MultipartSlack = 64 * 1024;

    private UploadedBody(string directory, string path)
    {
        Directory = directory;
        Path = path;
    }

    internal string Directory { get; }

    internal string Path { get; }

    internal string Sha256 { get; private set; } = "";

    internal long Length { get; private set; }

    /// <summary>Reads the package part of a NuGet push (multipart/form-data), or the raw body when <paramref name="allowRaw"/>.</summary>
    /// <exception cref="CilockException">CIL3903 too large, CIL3904 not a NuGet push body.</exception>
    internal static async Task<UploadedBody> ReadAsync(HttpRequest request, long limit, string fileName, bool allowRaw, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit + MultipartSlack)
        {
            throw TooLarge(limit);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            // Kestrel enforces it on the wire too (chunked bodies have no Content-Length to check up front).
            sizeFeature.MaxRequestBodySize = limit + MultipartSlack;
        }

        var directory = System.IO.Directory.CreateTempSubdirectory("cilock-admission-").FullName;
        var body = new UploadedBody(directory, System.IO.Path.Combine(directory, fileName));
        try
        {
            if (MediaTypeHeaderValue.TryParse(request.ContentType, out var media) && media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).Value;
                if (string.IsNullOrEmpty(boundary))
                {
                    throw new CilockException(AdmissionDiagnostics.BadPackage, "multipart body without a boundary");
                }

                var reader = new MultipartReader(boundary, request.Body);
                var section = await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false)
                              ?? throw new CilockException(AdmissionDiagnostics.BadPackage, "the multipart body has no part (expected the package)");
                await body.CopyAsync(section.Body, limit, cancellationToken).ConfigureAwait(false);
            }
            else if (allowRaw)
            {
                await body.CopyAsync(request.Body, limit, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                throw new CilockException(AdmissionDiagnostics.BadPackage, "expected a multipart/form-data NuGet push body");
            }

            return body;
        }
        catch (Exception e) when (e is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            body.Dispose();
            throw TooLarge(limit);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or BadHttpRequestException)
        {
            body.Dispose();
            throw new CilockException(AdmissionDiagnostics.BadPackage, $"the request body could not be read ({e.GetType().Name})");
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the directory is private and uniquely named.
        }
    }

    private static CilockException TooLarge(long limit) =>
        new(AdmissionDiagnostics.BodyTooLarge, $"package larger than the gate's limit of {limit} bytes (CilockGate:MaxPackageBytes)");

    private async Task CopyAsync(Stream source, long limit, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var output = new FileStream(Path, options);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        long length = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            length += read;
            if (length > limit)
            {
                throw TooLarge(limit);
            }

            hash.AppendData(buffer, 0, read);
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        Sha256 = Convert.ToHexStringLower(hash.GetHashAndReset());
        Length = length;
    }
}
