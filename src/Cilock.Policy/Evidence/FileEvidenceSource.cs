using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Policy.Diagnostics;

namespace Cilock.Policy.Evidence;

/// <summary>
/// Envelopes from files and directories: <c>*.json</c> holds one envelope (or JSON Lines), <c>*.jsonl</c> /
/// <c>*.intoto.jsonl</c> one envelope per line, <c>*.sigstore.json</c> a Sigstore bundle (read through
/// <see cref="BundleReader"/>); directories are searched recursively for all of them.
/// </summary>
/// <remarks>
/// An envelope and a bundle with the same payload (the SDK writes <c>X.intoto.json</c> next to <c>X.sigstore.json</c>)
/// are one piece of evidence: the envelope keeps its place and gains the bundle's proof. A bundle that fails
/// verification withdraws every envelope with its payload, so tampered log or timestamp proof never goes unnoticed
/// behind a sibling envelope.
/// </remarks>
public sealed class FileEvidenceSource : IEvidenceSource
{
    private const string BundleMediaTypePrefix = "application/vnd.dev.sigstore.bundle";
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly IReadOnlyList<string> _paths;

    /// <summary>Creates a source over files and directories.</summary>
    public FileEvidenceSource(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        _paths = [.. paths];
    }

    /// <summary>
    /// Verifies Sigstore bundles met on the way; without one, bundles are skipped with warning CIL6062 (reports and
    /// archives that only need the envelopes).
    /// </summary>
    public IBundleEvidenceReader? BundleReader { get; init; }

    /// <inheritdoc />
    /// <exception cref="CilockException">CIL3114 when a named path does not exist.</exception>
    public IReadOnlyList<EvidenceEnvelope> Load(ICollection<Diagnostic> diagnostics, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(diagnostics);
        var loaded = new Loaded();
        foreach (var path in _paths)
        {
            if (Directory.Exists(path))
            {
                var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                    .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
                    .Order(StringComparer.Ordinal);
                foreach (var file in files)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    ReadFile(file, loaded, diagnostics, explicitlyNamed: false);
                }
            }
            else if (File.Exists(path))
            {
                ReadFile(path, loaded, diagnostics, explicitlyNamed: true);
            }
            else
            {
                throw new CilockException(PolicyDiagnostics.EvidenceUnreadable, $"evidence path '{path}' does not exist");
            }
        }

        return loaded.Merge(diagnostics);
    }

    private void ReadFile(string file, Loaded loaded, ICollection<Diagnostic> diagnostics, bool explicitlyNamed)
    {
        byte[] bytes;
        string text;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Warning(PolicyDiagnostics.EvidenceUnreadable, $"cannot read evidence: {e.Message}", file));
            return;
        }

        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            diagnostics.Add(Diagnostic.Warning(EvidenceDiagnostics.EvidenceFileDamaged, "evidence file is not UTF-8 text, skipped", file));
            return;
        }

        if (file.EndsWith(".sigstore.json", StringComparison.OrdinalIgnoreCase) || IsSigstoreBundle(text))
        {
            ReadBundle(file, bytes, loaded, diagnostics);
            return;
        }

        try
        {
            if (file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            {
                var lines = DsseEnvelope.ReadJsonLines(text);
                for (var i = 0; i < lines.Count; i++)
                {
                    loaded.Envelopes.Add(new EvidenceEnvelope(lines.Count == 1 ? file : $"{file}#{i + 1}", lines[i]));
                }

                return;
            }

            loaded.Envelopes.Add(new EvidenceEnvelope(file, DsseEnvelope.Parse(text)));
        }
        catch (CilockException e)
        {
            if (explicitlyNamed || LooksLikeEnvelope(text))
            {
                diagnostics.Add(Diagnostic.Warning(PolicyDiagnostics.EvidenceUnreadable, $"not a DSSE envelope, skipped: {e.Code}: {e.Message}", file));
            }
            else if (!IsWellFormedJson(text, file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase)))
            {
                // Damaged JSON that no longer looks like an envelope could still be the evidence the policy is missing.
                diagnostics.Add(Diagnostic.Warning(EvidenceDiagnostics.EvidenceFileDamaged, $"evidence file is damaged JSON, skipped: {e.Code}: {e.Message}", file));
            }

            // Well-formed JSON of another kind in a directory (policies, SBOMs, trusted roots) is skipped quietly.
        }
    }

    private static bool SiblingEnvelopeExists(string bundleFile)
    {
        const string Suffix = ".sigstore.json";
        return bundleFile.EndsWith(Suffix, StringComparison.OrdinalIgnoreCase)
            && File.Exists(bundleFile[..^Suffix.Length] + ".intoto.json");
    }

    private void ReadBundle(string file, byte[] bytes, Loaded loaded, ICollection<Diagnostic> diagnostics)
    {
        if (BundleReader is null)
        {
            // The SDK and `cilock run --keyless` write X.sigstore.json beside X.intoto.json, whose envelope these
            // commands read anyway: warning about every such bundle would only be noise in each keyless build.
            if (!SiblingEnvelopeExists(file))
            {
                diagnostics.Add(Diagnostic.Warning(EvidenceDiagnostics.BundleUnsupported, "Sigstore bundle skipped: bundles are verified as evidence only by cilock verify (and the verify task and gate)", file));
            }

            return;
        }

        try
        {
            loaded.Bundles.Add(BundleReader.Read(file, bytes));
        }
        catch (CilockException e) when (e.Code == EvidenceDiagnostics.BundleNotEvidence)
        {
            diagnostics.Add(Diagnostic.Warning(e.Code, e.Message, file));
        }
        catch (CilockException e)
        {
            diagnostics.Add(Diagnostic.Error(EvidenceDiagnostics.BundleRejected, $"Sigstore bundle rejected, its evidence is not used: {Reason(e)}", file));
            if (BundlePayloadSha256(bytes) is { } digest)
            {
                loaded.Rejected.Add(digest);
            }
        }
    }

    private static string Reason(CilockException e) =>
        e.Code == EvidenceDiagnostics.BundleRejected ? e.Message : $"{e.Code}: {e.Message}";

    private static bool IsSigstoreBundle(string text)
    {
        if (!text.Contains(BundleMediaTypePrefix, StringComparison.Ordinal))
        {
            return false;
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("mediaType", out var mediaType)
                && mediaType.ValueKind == JsonValueKind.String
                && mediaType.GetString()!.StartsWith(BundleMediaTypePrefix, StringComparison.Ordinal);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The sha256 of a bundle's DSSE payload, read leniently (so a rejected bundle can withdraw its siblings).</summary>
    private static string? BundlePayloadSha256(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("dsseEnvelope", out var envelope) && envelope.ValueKind == JsonValueKind.Object
                && envelope.TryGetProperty("payload", out var payload) && payload.ValueKind == JsonValueKind.String)
            {
                return Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(payload.GetString()!)));
            }
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            // Unreadable payload: there is no sibling to withdraw.
        }

        return null;
    }

    private static bool IsWellFormedJson(string text, bool lines)
    {
        try
        {
            foreach (var line in lines ? text.Split('\n') : [text])
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    using var document = JsonDocument.Parse(line);
                }
            }

            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static bool LooksLikeEnvelope(string text) =>
        text.Contains("\"payloadType\"", StringComparison.OrdinalIgnoreCase) && text.Contains("\"signatures\"", StringComparison.OrdinalIgnoreCase);

    /// <summary>What the files gave, before envelopes and bundles with the same payload are merged.</summary>
    private sealed class Loaded
    {
        public List<EvidenceEnvelope> Envelopes { get; } = [];

        public List<EvidenceEnvelope> Bundles { get; } = [];

        public HashSet<string> Rejected { get; } = new(StringComparer.Ordinal);

        public List<EvidenceEnvelope> Merge(ICollection<Diagnostic> diagnostics)
        {
            var proofs = new Dictionary<string, EvidenceEnvelope>(StringComparer.Ordinal);
            foreach (var bundle in Bundles)
            {
                proofs.TryAdd(bundle.PayloadSha256, bundle);
            }

            var result = new List<EvidenceEnvelope>();
            var used = new HashSet<string>(StringComparer.Ordinal);
            foreach (var envelope in Envelopes)
            {
                if (Rejected.Contains(envelope.PayloadSha256))
                {
                    diagnostics.Add(Diagnostic.Error(EvidenceDiagnostics.EvidenceWithdrawn, "envelope not used: a Sigstore bundle with the same payload was rejected", envelope.Reference));
                }
                else if (proofs.TryGetValue(envelope.PayloadSha256, out var bundle))
                {
                    // Counted once: the envelope keeps its place and gains the bundle's proof.
                    if (used.Add(envelope.PayloadSha256))
                    {
                        result.Add(new EvidenceEnvelope(envelope.Reference, envelope.Envelope) { Sigstore = bundle.Sigstore });
                    }
                }
                else
                {
                    result.Add(envelope);
                }
            }

            foreach (var bundle in Bundles)
            {
                if (!Rejected.Contains(bundle.PayloadSha256) && used.Add(bundle.PayloadSha256))
                {
                    result.Add(bundle);
                }
            }

            return result;
        }
    }
}
