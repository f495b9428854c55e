using System.Security.Cryptography;
using System.Text;
using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Hashing;

/// <summary>
/// The <c>dirHash</c> of a folder (spec statement-and-collection.md §5): SHA-256 over one line
/// <c>&lt;sha256 hex&gt;␠␠&lt;relative/path&gt;\n</c> per regular file, lines sorted by path (byte order).
/// </summary>
public static class DirHash
{
    /// <summary>Computes the dirHash of <paramref name="directory"/> (lowercase hex, no prefix).</summary>
    public static async Task<string> ComputeAsync(string directory, CancellationToken ct = default)
    {
        var tree = await FileTreeHasher.HashAsync(new FileTreeHashOptions { Root = directory }, ct).ConfigureAwait(false);
        return Compute(tree.Files.Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value.Sha256Hex!)));
    }

    /// <summary>Computes the dirHash of relative path → sha256 hex pairs.</summary>
    public static string Compute(IEnumerable<KeyValuePair<string, string>> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var text = new StringBuilder();
        foreach (var (path, sha256) in files.OrderBy(kv => kv.Key, Utf8Order.Instance))
        {
            text.Append(sha256).Append("  ").Append(path).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    /// <summary>The dirHash as a digest set.</summary>
    public static DigestSet ToDigestSet(string hex) => DigestSet.Create([new(DigestSet.DirHash, hex)]);
}
