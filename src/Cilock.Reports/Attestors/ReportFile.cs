using Cilock.Attestation.Attestors;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Hashing;
using Cilock.Attestation.InToto;

namespace Cilock.Reports.Attestors;

/// <summary>
/// A report file chosen by an attestor: its recorded name (relative to the working directory when inside it) and its
/// digest, taken from the product attestor when the report is a product, so the attestation cannot disagree with it.
/// </summary>
internal sealed record ReportFile(string FullPath, string Name, DigestSet Digest)
{
    /// <summary>How many leading bytes detection looks at.</summary>
    public const int HeadLength = 4096;

    /// <summary>The explicitly named report, hashed now.</summary>
    public static ReportFile FromPath(string path, AttestationContext context)
    {
        var full = Path.GetFullPath(path, context.WorkingDirectory);
        var relative = Path.GetRelativePath(context.WorkingDirectory, full);
        var name = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        var digest = context.Products.TryGetValue(name.Replace('\\', '/'), out var product) && product.Digest.Sha256Hex is not null
            ? product.Digest
            : FileDigester.Compute(full, context.Options.Hashes);
        return new ReportFile(full, name.Replace('\\', '/'), digest);
    }

    /// <summary>
    /// The products (in name order) that are regular files inside the working directory and whose first bytes satisfy
    /// <paramref name="looksLike"/>; products whose bytes changed since they were hashed are skipped.
    /// </summary>
    public static IEnumerable<ReportFile> Candidates(AttestationContext context, Func<ReadOnlySpan<byte>, bool> looksLike, long maxBytes, string changedCode)
    {
        foreach (var (name, product) in context.Products.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (product.Digest.ContainsKey(DigestSet.DirHash) || name.Contains(':', StringComparison.Ordinal) || Path.IsPathRooted(name))
            {
                continue;
            }

            var full = Path.GetFullPath(name, context.WorkingDirectory);
            if (!Head(full, maxBytes, out var head) || !looksLike(head))
            {
                continue;
            }

            DigestSet now;
            try
            {
                now = FileDigester.Compute(full, [.. product.Digest.Keys]);
            }
            catch (CilockException)
            {
                continue;
            }

            // The file changed after the product attestor hashed it: recording it would attest other bytes.
            if (!now.Equals(product.Digest))
            {
                context.Report(Diagnostic.Warning(changedCode, $"report '{name}' changed after it was recorded as a product; it is not read"));
                continue;
            }

            yield return new ReportFile(full, name, product.Digest);
        }
    }

    private static bool Head(string path, long maxBytes, out byte[] head)
    {
        head = [];
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length == 0 || info.Length > maxBytes)
            {
                return false;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var buffer = new byte[Math.Min(HeadLength, info.Length)];
            var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
            head = buffer[..read];
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>The digest set as the JSON object the predicates embed.</summary>
    public System.Text.Json.Nodes.JsonNode DigestJson() =>
        System.Text.Json.JsonSerializer.SerializeToNode(Digest)!;
}
