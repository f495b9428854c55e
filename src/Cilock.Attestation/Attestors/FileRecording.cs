using System.Text.Json.Nodes;
using Cilock.Attestation.Context;
using Cilock.Attestation.Hashing;
using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Attestors;

/// <summary>File hashing shared by the material and product attestors.</summary>
internal static class FileRecording
{
    /// <summary>
    /// Hashes the explicit list, or walks the working directory with the given globs. sha256 is always included in
    /// the cilock dialect because v0.3 leaves require it. Warnings (skipped links, unreadable files) go to the context.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, DigestSet>> HashAsync(
        AttestationContext context,
        FileList? files,
        IReadOnlyList<string> include,
        IReadOnlyList<string> exclude,
        CancellationToken ct)
    {
        var algorithms = context.Options.Hashes.ToList();
        if (context.Dialect == Dialect.Cilock && !algorithms.Contains(DigestSet.Sha256))
        {
            algorithms.Insert(0, DigestSet.Sha256);
        }

        var result = files is null
            ? await FileTreeHasher.HashAsync(
                new FileTreeHashOptions
                {
                    Root = context.WorkingDirectory,
                    Algorithms = algorithms,
                    IncludeGlobs = include,
                    ExcludeGlobs = exclude,
                    DirHashGlobs = context.Options.DirHashGlobs,
                },
                ct).ConfigureAwait(false)
            : await FileTreeHasher.HashFilesAsync(files.Resolve(), algorithms, ct).ConfigureAwait(false);
        foreach (var diagnostic in result.Diagnostics)
        {
            context.Report(diagnostic);
        }

        return result.Files;
    }

    /// <summary>path → sha256 hex for the entries that have one (dirHash-only entries cannot become leaves).</summary>
    public static IEnumerable<KeyValuePair<string, string>> Sha256Pairs(IEnumerable<KeyValuePair<string, DigestSet>> files) =>
        files.Where(kv => kv.Value.Sha256Hex is not null).Select(kv => new KeyValuePair<string, string>(kv.Key, kv.Value.Sha256Hex!));

    /// <summary>The v0.1 flat map path → digest set, keys sorted.</summary>
    public static JsonObject FlatMap(IReadOnlyDictionary<string, DigestSet> files)
    {
        var result = new JsonObject();
        foreach (var (path, digest) in files.OrderBy(kv => kv.Key, Utf8Order.Instance))
        {
            result[path] = DigestNode(digest);
        }

        return result;
    }

    /// <summary>A digest set as a JSON object.</summary>
    public static JsonObject DigestNode(DigestSet digest)
    {
        var o = new JsonObject();
        foreach (var (alg, value) in digest)
        {
            o[alg] = value;
        }

        return o;
    }
}
