using System.IO.Compression;
using Cilock.Attestation.Diagnostics;
using Cilock.Secrets.Diagnostics;
using Cilock.Secrets.Findings;
using Cilock.Secrets.Redaction;
using Cilock.Secrets.Scanning;

namespace Cilock.Secrets.Archives;

/// <summary>
/// Scans every text entry of a zip (nupkg, snupkg, jar…) straight from the archive stream: nothing is extracted to
/// disk. Nested archives are scanned recursively (two levels); entry and total sizes are bounded against zip bombs.
/// Entry locations are <c>&lt;location&gt;!/&lt;entry path&gt;</c>.
/// </summary>
public sealed class ArchiveScanner
{
    private const int MaxNesting = 2;
    private readonly SecretScanner _scanner;

    /// <summary>Creates an archive scanner on top of <paramref name="scanner"/> (its options bound entry sizes).</summary>
    public ArchiveScanner(SecretScanner scanner)
    {
        ArgumentNullException.ThrowIfNull(scanner);
        _scanner = scanner;
    }

    /// <summary>Whether <paramref name="path"/> names a zip-based package this scanner opens.</summary>
    public static bool IsArchivePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var extension = Path.GetExtension(path).ToLowerInvariant();
        return extension is ".zip" or ".nupkg" or ".snupkg" or ".jar" or ".war" or ".whl" or ".vsix";
    }

    /// <summary>Scans the archive in <paramref name="stream"/> (read-only, seekable or not).</summary>
    /// <param name="stream">The archive bytes.</param>
    /// <param name="location">The location prefix of findings, e.g. <c>product:bin/pkg.1.0.0.nupkg</c> or a file path.</param>
    /// <param name="path">The archive path (entry paths are appended for path rules), or <c>null</c>.</param>
    /// <param name="ct">Cancels the scan.</param>
    public SecretScanResult Scan(Stream stream, string location, string? path, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(location);
        var findings = new List<SecretFinding>();
        var diagnostics = new List<Diagnostic>();
        var redactions = new List<RedactionTarget>();
        var budget = _scanner.Options.MaxArchiveBytes;
        ScanArchive(stream, location, path ?? location, 0, new Sink(findings, diagnostics, redactions), ref budget, ct);
        return new SecretScanResult(findings, diagnostics) { Redactions = redactions };
    }

    private void ScanArchive(Stream stream, string location, string path, int depth, Sink sink, ref long budget, CancellationToken ct)
    {
        var diagnostics = sink.Diagnostics;
        try
        {
            using var archive = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
            foreach (var entry in archive.Entries)
            {
                ct.ThrowIfCancellationRequested();
                if (entry.FullName.EndsWith('/'))
                {
                    continue;
                }

                var entryLocation = $"{location}!/{entry.FullName}";
                var entryPath = $"{path}!/{entry.FullName}";
                var nested = IsArchivePath(entry.FullName) && depth < MaxNesting;
                var limit = nested ? Math.Min(budget, int.MaxValue) : _scanner.Options.MaxFileBytes;
                if (entry.Length > limit)
                {
                    diagnostics.Add(Diagnostic.Warning(SecretsDiagnostics.FileTooLarge,
                        $"{entryLocation} ({entry.Length} bytes) is larger than the scan limit and was skipped"));
                    continue;
                }

                var content = ReadBounded(entry, limit, ref budget);
                if (content is null)
                {
                    diagnostics.Add(Diagnostic.Warning(SecretsDiagnostics.ArchiveUnreadable,
                        $"{entryLocation} expands beyond the decompression limit; the rest of the archive was not scanned"));
                    return;
                }

                if (nested)
                {
                    using var inner = new MemoryStream(content, writable: false);
                    ScanArchive(inner, entryLocation, entryPath, depth + 1, sink, ref budget, ct);
                    continue;
                }

                if (TextSniffer.IsBinary(content))
                {
                    continue;
                }

                var result = _scanner.Scan(TextSniffer.Decode(content), entryLocation, entry.FullName, ct);
                sink.Findings.AddRange(result.Findings);
                diagnostics.AddRange(result.Diagnostics);
                sink.Redactions.AddRange(result.Redactions);
            }
        }
        catch (InvalidDataException e)
        {
            diagnostics.Add(Diagnostic.Warning(SecretsDiagnostics.ArchiveUnreadable, $"{location} is not a readable zip archive: {e.Message}"));
        }
    }

    private sealed record Sink(List<SecretFinding> Findings, List<Diagnostic> Diagnostics, List<RedactionTarget> Redactions);

    /// <summary>Reads an entry, trusting the actual inflated size rather than the header (which a zip bomb can fake).</summary>
    private static byte[]? ReadBounded(ZipArchiveEntry entry, long limit, ref long budget)
    {
        using var source = entry.Open();
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = source.Read(chunk, 0, chunk.Length)) > 0)
        {
            budget -= read;
            if (buffer.Length + read > limit || budget < 0)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
