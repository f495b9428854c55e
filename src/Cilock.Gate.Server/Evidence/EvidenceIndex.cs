using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Gate.Server.Diagnostics;

namespace Cilock.Gate.Server.Evidence;

/// <summary>
/// Finds the evidence files for a package digest in the evidence store directories. Each file's subject digests are
/// read once and cached by (length, write time), so a push costs a directory listing plus the files that changed.
/// Starting from the files whose subjects carry the package sha256, files sharing a subject digest with the selection
/// (e.g. the git commit that links a build step to the pack step) are added for a few rounds, so multi-step policies
/// get their upstream steps without handing the verifier the whole store.
/// </summary>
internal sealed class EvidenceIndex
{
    private const int LinkRounds = 3;
    private const int MaxFiles = 256;

    private readonly IReadOnlyList<string> _roots;
    private readonly ConcurrentDictionary<string, CachedFile> _cache = new(StringComparer.Ordinal);

    internal EvidenceIndex(IReadOnlyList<string> roots) => _roots = roots;

    /// <summary>The evidence files relevant to <paramref name="sha256"/> (lowercase hex), possibly empty.</summary>
    /// <exception cref="CilockException">CIL3906 when a store directory is missing or unreadable (fail closed).</exception>
    internal IReadOnlyList<string> Find(string sha256, CancellationToken cancellationToken)
    {
        var files = Snapshot(cancellationToken);
        var wanted = new HashSet<string>(StringComparer.Ordinal) { "sha256:" + sha256 };
        var selected = new List<CachedFile>();
        for (var round = 0; round <= LinkRounds && selected.Count < MaxFiles; round++)
        {
            var added = files.Where(f => !selected.Contains(f) && f.Digests.Overlaps(wanted)).Take(MaxFiles - selected.Count).ToList();
            if (added.Count == 0)
            {
                break;
            }

            selected.AddRange(added);
            foreach (var file in added)
            {
                wanted.UnionWith(file.Digests);
            }
        }

        // The directly matching files first, so the caller can publish the first one as the package's sidecar.
        return [.. selected.Select(f => f.Path)];
    }

    private List<CachedFile> Snapshot(CancellationToken cancellationToken)
    {
        var result = new List<CachedFile>();
        foreach (var root in _roots)
        {
            IEnumerable<string> paths;
            try
            {
                if (!Directory.Exists(root))
                {
                    throw new DirectoryNotFoundException($"'{root}' does not exist");
                }

                paths = [.. Directory.EnumerateFiles(root, "*", new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false })
                    .Where(IsEvidenceFile)
                    .Order(StringComparer.Ordinal)];
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CilockException(AdmissionDiagnostics.EvidenceStoreUnavailable, $"evidence store '{root}' cannot be read ({e.GetType().Name}); nothing was forwarded");
            }

            foreach (var path in paths)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (Load(path) is { } file)
                {
                    result.Add(file);
                }
            }
        }

        return result;
    }

    private CachedFile? Load(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (_cache.TryGetValue(path, out var cached) && cached.Length == info.Length && cached.WriteTime == info.LastWriteTimeUtc)
            {
                return cached;
            }

            var digests = ReadSubjectDigests(File.ReadAllText(path, Encoding.UTF8), path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase));
            var entry = new CachedFile(path, info.Length, info.LastWriteTimeUtc, digests);
            _cache[path] = entry;
            return entry;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A file vanishing between listing and reading is not an outage; an unreadable store root is (above).
            return null;
        }
    }

    internal static bool IsEvidenceFile(string path) =>
        path.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses one envelope or JSON lines of envelopes.</summary>
    /// <exception cref="CilockException">The text is not DSSE.</exception>
    internal static IReadOnlyList<DsseEnvelope> ParseEnvelopes(string text, bool jsonLines)
    {
        if (!jsonLines)
        {
            try
            {
                return [DsseEnvelope.Parse(text)];
            }
            catch (Exception e) when (e is CilockException or JsonException or FormatException)
            {
                // A .json file may also hold JSON lines; fall through.
            }
        }

        var lines = DsseEnvelope.ReadJsonLines(text);
        return lines.Count == 0 ? throw new CilockException(AdmissionDiagnostics.BadEvidence, "no DSSE envelope found") : lines;
    }

    private static HashSet<string> ReadSubjectDigests(string text, bool jsonLines)
    {
        var digests = new HashSet<string>(StringComparer.Ordinal);
        IReadOnlyList<DsseEnvelope> envelopes;
        try
        {
            envelopes = ParseEnvelopes(text, jsonLines);
        }
        catch (Exception e) when (e is CilockException or JsonException or FormatException)
        {
            return digests; // Not evidence (e.g. a policy or config file in the store): it binds nothing.
        }

        foreach (var envelope in envelopes)
        {
            AddSubjects(envelope.Payload, digests);
        }

        return digests;
    }

    private static void AddSubjects(byte[] payload, HashSet<string> digests)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("subject", out var subjects)
                || subjects.ValueKind != JsonValueKind.Array)
            {
                return;
            }

            foreach (var subject in subjects.EnumerateArray())
            {
                if (subject.ValueKind == JsonValueKind.Object && subject.TryGetProperty("digest", out var digest) && digest.ValueKind == JsonValueKind.Object)
                {
                    foreach (var pair in digest.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String))
                    {
                        digests.Add($"{pair.Name}:{pair.Value.GetString()!.ToLowerInvariant()}");
                    }
                }
            }
        }
        catch (JsonException)
        {
            // A payload that is not a statement binds nothing.
        }
    }

    private sealed record CachedFile(string Path, long Length, DateTime WriteTime, HashSet<string> Digests);
}
