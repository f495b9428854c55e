using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace Cilock.Attestation.InToto;

/// <summary>
/// Git blob object ids as gitoid URIs (spec statement-and-collection.md §5): the hash of
/// <c>"blob " + decimal(length) + "\0" + content</c>, written <c>gitoid:blob:sha1:&lt;hex&gt;</c> or
/// <c>gitoid:blob:sha256:&lt;hex&gt;</c>. Streams are read once with pooled buffers.
/// </summary>
public static class Gitoid
{
    /// <summary>The git blob header for content of <paramref name="length"/> bytes.</summary>
    public static byte[] Header(long length) => Encoding.ASCII.GetBytes($"blob {length}\0");

    /// <summary>The gitoid URI of <paramref name="content"/>.</summary>
    /// <param name="content">The blob bytes.</param>
    /// <param name="algorithm"><see cref="HashAlgorithmName.SHA1"/> or <see cref="HashAlgorithmName.SHA256"/>.</param>
    public static string Compute(ReadOnlySpan<byte> content, HashAlgorithmName algorithm)
    {
        using var hash = IncrementalHash.CreateHash(algorithm);
        hash.AppendData(Header(content.Length));
        hash.AppendData(content);
        return Format(hash.GetHashAndReset(), algorithm);
    }

    /// <summary>The gitoid URI of a seekable stream's remaining content (the length must be known up front).</summary>
    /// <exception cref="ArgumentException">When the stream is not seekable.</exception>
    public static async Task<string> ComputeAsync(Stream stream, HashAlgorithmName algorithm, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek)
        {
            throw new ArgumentException("a gitoid needs the content length first: pass a seekable stream", nameof(stream));
        }

        using var hash = IncrementalHash.CreateHash(algorithm);
        var expected = stream.Length - stream.Position;
        hash.AppendData(Header(expected));
        var buffer = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, 81920), ct).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                total += read;
            }

            if (total != expected)
            {
                throw new IOException("the content changed length while it was being hashed");
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Format(hash.GetHashAndReset(), algorithm);
    }

    /// <summary>Formats a raw hash as a gitoid URI.</summary>
    public static string Format(ReadOnlySpan<byte> hash, HashAlgorithmName algorithm) =>
        $"gitoid:blob:{(algorithm == HashAlgorithmName.SHA1 ? "sha1" : "sha256")}:{Convert.ToHexStringLower(hash)}";
}
