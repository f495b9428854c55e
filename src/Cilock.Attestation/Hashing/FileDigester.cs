using System.Buffers;
using System.Security.Cryptography;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Hashing;

/// <summary>Computes a file's <see cref="DigestSet"/> for several algorithms in a single streaming read.</summary>
public static class FileDigester
{
    private const int BufferSize = 128 * 1024;

    /// <summary>Hashes the file at <paramref name="path"/> with every algorithm in <paramref name="algorithms"/>.</summary>
    /// <param name="path">The file.</param>
    /// <param name="algorithms">Names from <see cref="DigestSet.KnownAlgorithms"/> except <c>dirHash</c>.</param>
    /// <exception cref="CilockException">CIL1042 when the file cannot be read; CIL1031 for an unsupported algorithm.</exception>
    public static DigestSet Compute(string path, IReadOnlyList<string> algorithms)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(algorithms);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            return Compute(stream, algorithms);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CilockException(EvidenceDiagnostics.FileUnreadable, $"cannot read '{path}': {e.Message}", e);
        }
    }

    /// <summary>Hashes a seekable stream's remaining content (gitoids need the length up front).</summary>
    public static DigestSet Compute(Stream stream, IReadOnlyList<string> algorithms)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var length = stream.CanSeek ? stream.Length - stream.Position : -1;
        var hashers = new (string Name, IncrementalHash Hash)[algorithms.Count];
        try
        {
            for (var i = 0; i < algorithms.Count; i++)
            {
                hashers[i] = (algorithms[i], Create(algorithms[i]));
                if (algorithms[i] is DigestSet.GitoidSha1 or DigestSet.GitoidSha256)
                {
                    if (length < 0)
                    {
                        throw new CilockException(EvidenceDiagnostics.InvalidOptions, "gitoids need a seekable stream");
                    }

                    hashers[i].Hash.AppendData(Gitoid.Header(length));
                }
            }

            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            long total = 0;
            try
            {
                int read;
                while ((read = stream.Read(buffer, 0, BufferSize)) > 0)
                {
                    total += read;
                    foreach (var (_, hash) in hashers)
                    {
                        hash.AppendData(buffer, 0, read);
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            if (length >= 0 && total != length)
            {
                throw new IOException("the file changed size while it was being hashed");
            }

            return DigestSet.Create(hashers.Select(h => new KeyValuePair<string, string>(h.Name, Finish(h.Name, h.Hash))));
        }
        finally
        {
            foreach (var (_, hash) in hashers)
            {
                hash?.Dispose();
            }
        }
    }

    /// <summary>Hashes bytes in memory (e.g. a subject string) with every algorithm in <paramref name="algorithms"/>.</summary>
    public static DigestSet Compute(ReadOnlySpan<byte> content, IReadOnlyList<string> algorithms)
    {
        using var stream = new MemoryStream(content.ToArray(), writable: false);
        return Compute(stream, algorithms);
    }

    private static IncrementalHash Create(string algorithm) => algorithm switch
    {
        DigestSet.Sha256 or DigestSet.GitoidSha256 => IncrementalHash.CreateHash(HashAlgorithmName.SHA256),
        DigestSet.Sha1 or DigestSet.GitoidSha1 => IncrementalHash.CreateHash(HashAlgorithmName.SHA1),
        _ => throw new CilockException(EvidenceDiagnostics.InvalidOptions, $"cannot hash files with '{algorithm}'"),
    };

    private static string Finish(string algorithm, IncrementalHash hash)
    {
        var raw = hash.GetHashAndReset();
        return algorithm switch
        {
            DigestSet.GitoidSha1 => Gitoid.Format(raw, HashAlgorithmName.SHA1),
            DigestSet.GitoidSha256 => Gitoid.Format(raw, HashAlgorithmName.SHA256),
            _ => Convert.ToHexStringLower(raw),
        };
    }
}
