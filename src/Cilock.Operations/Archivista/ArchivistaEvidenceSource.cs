using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors.Ci;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Policy.Evidence;

namespace Cilock.Operations.Archivista;

/// <summary>
/// Evidence found in Archivista for <c>cilock verify --archivista</c>: a subject-only search for the verified
/// subjects (upstream Archivista does not index cilock collections, so the verifier filters by step itself), then
/// <see cref="Depth"/> − 1 more searches for the backrefs of what was found (recorded <c>backrefs</c>, else the
/// commit, pipeline and tree subjects, as the verifier expands them), each excluding what was already fetched.
/// Every download is checked against its gitoid; a server that is down or returns tampered bytes fails closed.
/// </summary>
public sealed class ArchivistaEvidenceSource : IEvidenceSource
{
    private readonly ArchivistaSettings _settings;
    private readonly IReadOnlyList<string> _subjects;

    /// <summary>Creates the source (it connects when loaded).</summary>
    /// <param name="settings">The server and its authentication.</param>
    /// <param name="subjectDigests">Digest values of the verified subjects (hex, no algorithm).</param>
    /// <param name="depth">Search rounds (verify: 3; bundles: 5).</param>
    /// <param name="maxEnvelopes">Stop collecting beyond this many envelopes.</param>
    public ArchivistaEvidenceSource(ArchivistaSettings settings, IEnumerable<string> subjectDigests, int depth = 3, int maxEnvelopes = 10_000)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(subjectDigests);
        _settings = settings;
        _subjects = [.. subjectDigests.Select(ArchivistaSearch.DigestValue).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal)];
        Depth = Math.Max(1, depth);
        MaxEnvelopes = maxEnvelopes;
    }

    /// <summary>Search rounds.</summary>
    public int Depth { get; }

    /// <summary>Collection cap.</summary>
    public int MaxEnvelopes { get; }

    /// <inheritdoc />
    /// <exception cref="CilockException">CIL1711/CIL1712 when the server fails; CIL1713 for a tampered download.</exception>
    public IReadOnlyList<EvidenceEnvelope> Load(ICollection<Diagnostic> diagnostics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var fetched = Task.Run(() => CollectAsync(diagnostics, cancellationToken), cancellationToken).GetAwaiter().GetResult();
        return [.. fetched.Select(f => new EvidenceEnvelope($"archivista:{f.Gitoid}", f.Envelope))];
    }

    /// <summary>Walks the subject graph and returns every fetched envelope with its gitoid and exact stored bytes.</summary>
    /// <exception cref="CilockException">CIL1711/CIL1712 when the server fails; CIL1713 for a tampered download.</exception>
    public async Task<IReadOnlyList<ArchivedEnvelope>> CollectAsync(ICollection<Diagnostic> diagnostics, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        using var client = await _settings.ConnectAsync(ct).ConfigureAwait(false);
        var result = new List<ArchivedEnvelope>();
        var searched = new HashSet<string>(StringComparer.Ordinal);
        var next = _subjects.ToList();
        for (var round = 0; round < Depth && next.Count > 0 && result.Count < MaxEnvelopes; round++)
        {
            searched.UnionWith(next);
            var gitoids = await client.SearchAsync(
                new ArchivistaSearch { SubjectDigests = next, ExcludeGitoids = [.. result.Select(r => r.Gitoid)] },
                ct).ConfigureAwait(false);
            var expansion = new HashSet<string>(StringComparer.Ordinal);
            foreach (var gitoid in gitoids.Where(g => result.All(r => r.Gitoid != g)))
            {
                if (result.Count >= MaxEnvelopes)
                {
                    diagnostics.Add(Diagnostic.Warning(CiDiagnostics.ArchivistaResponseInvalid, $"stopped after {MaxEnvelopes} envelopes from Archivista"));
                    break;
                }

                var bytes = await client.DownloadAsync(gitoid, ct).ConfigureAwait(false);
                DsseEnvelope envelope;
                try
                {
                    envelope = DsseEnvelope.Parse(bytes);
                }
                catch (CilockException e)
                {
                    diagnostics.Add(Diagnostic.Warning(e.Code, $"Archivista object {gitoid} is not a DSSE envelope, skipped: {e.Message}"));
                    continue;
                }

                result.Add(new ArchivedEnvelope(gitoid, bytes, envelope));
                expansion.UnionWith(Backrefs(envelope).Where(d => !searched.Contains(d)));
            }

            next = [.. expansion.Order(StringComparer.Ordinal)];
        }

        return result;
    }

    /// <summary>The digest values a verifier follows from this envelope's collection.</summary>
    internal static IEnumerable<string> Backrefs(DsseEnvelope envelope)
    {
        JsonNode? statement;
        try
        {
            statement = JsonNode.Parse(envelope.Payload);
        }
        catch (JsonException)
        {
            return [];
        }

        if (statement?["predicate"]?["backrefs"] is JsonObject recorded)
        {
            return recorded.SelectMany(r => Values(r.Value)).ToList();
        }

        var result = new List<string>();
        foreach (var subject in (statement?["subject"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = subject["name"]?.GetValueKind() == JsonValueKind.String ? (string)subject["name"]! : "";
            if (name.Contains("/commithash:", StringComparison.Ordinal) || name.Contains("/parenthash:", StringComparison.Ordinal)
                || name.Contains("/pipelineurl:", StringComparison.Ordinal) || name.EndsWith("/tree:materials", StringComparison.Ordinal)
                || name.EndsWith("/tree:products", StringComparison.Ordinal))
            {
                result.AddRange(Values(subject["digest"]));
            }
        }

        return result;
    }

    private static IEnumerable<string> Values(JsonNode? digestSet) =>
        (digestSet as JsonObject ?? []).Select(d => d.Value?.GetValueKind() == JsonValueKind.String ? (string)d.Value! : "").Where(v => v.Length > 0);
}
