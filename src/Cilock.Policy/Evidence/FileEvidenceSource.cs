using System.Text;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Policy.Diagnostics;

namespace Cilock.Policy.Evidence;

/// <summary>
/// Envelopes from files and directories: <c>*.json</c> holds one envelope (or JSON Lines), <c>*.jsonl</c> /
/// <c>*.intoto.jsonl</c> one envelope per line; directories are searched recursively for both.
/// </summary>
public sealed class FileEvidenceSource : IEvidenceSource
{
    private readonly IReadOnlyList<string> _paths;

    /// <summary>Creates a source over files and directories.</summary>
    public FileEvidenceSource(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        _paths = [.. paths];
    }

    /// <inheritdoc />
    /// <exception cref="CilockException">CIL3114 when a named path does not exist.</exception>
    public IReadOnlyList<EvidenceEnvelope> Load(ICollection<Diagnostic> diagnostics, CancellationToken cancellationToken = default)
    {
        var result = new List<EvidenceEnvelope>();
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
                    ReadFile(file, result, diagnostics, explicitlyNamed: false);
                }
            }
            else if (File.Exists(path))
            {
                ReadFile(path, result, diagnostics, explicitlyNamed: true);
            }
            else
            {
                throw new CilockException(PolicyDiagnostics.EvidenceUnreadable, $"evidence path '{path}' does not exist");
            }
        }

        return result;
    }

    private static void ReadFile(string file, List<EvidenceEnvelope> result, ICollection<Diagnostic> diagnostics, bool explicitlyNamed)
    {
        string text;
        try
        {
            text = File.ReadAllText(file, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Add(Diagnostic.Warning(PolicyDiagnostics.EvidenceUnreadable, $"cannot read evidence: {e.Message}", file));
            return;
        }

        try
        {
            if (file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            {
                var lines = DsseEnvelope.ReadJsonLines(text);
                for (var i = 0; i < lines.Count; i++)
                {
                    result.Add(new EvidenceEnvelope(lines.Count == 1 ? file : $"{file}#{i + 1}", lines[i]));
                }

                return;
            }

            result.Add(new EvidenceEnvelope(file, DsseEnvelope.Parse(text)));
        }
        catch (CilockException e)
        {
            // A directory may hold policies or other JSON next to the evidence: skip them quietly unless named.
            if (explicitlyNamed || LooksLikeEnvelope(text))
            {
                diagnostics.Add(Diagnostic.Warning(PolicyDiagnostics.EvidenceUnreadable, $"not a DSSE envelope, skipped: {e.Code}: {e.Message}", file));
            }
        }
    }

    private static bool LooksLikeEnvelope(string text) =>
        text.Contains("\"payloadType\"", StringComparison.OrdinalIgnoreCase) && text.Contains("\"signatures\"", StringComparison.OrdinalIgnoreCase);
}
