using System.Collections.Concurrent;
using Cilock.Attestation.Diagnostics;
using Cilock.Secrets.Archives;
using Cilock.Secrets.Diagnostics;
using Cilock.Secrets.Findings;

namespace Cilock.Secrets.Scanning;

/// <summary>
/// Scans files, directory trees and zip packages (what <c>cilock secrets scan PATH…</c> takes). Text files are read
/// whole (up to <see cref="SecretScanOptions.MaxFileBytes"/>), binaries are skipped, archives are streamed through
/// <see cref="ArchiveScanner"/>. Files are scanned in parallel; results come back in path order. A finding's location
/// is the file path as given (plus <c>!/entry</c> inside archives).
/// </summary>
public sealed class PathScanner
{
    private readonly SecretScanner _scanner;
    private readonly ArchiveScanner _archives;

    /// <summary>Creates a path scanner.</summary>
    public PathScanner(SecretScanner scanner)
    {
        ArgumentNullException.ThrowIfNull(scanner);
        _scanner = scanner;
        _archives = new ArchiveScanner(scanner);
    }

    /// <summary>Scans every path.</summary>
    /// <exception cref="CilockException">CIL4003 when a path does not exist.</exception>
    public SecretScanResult Scan(IEnumerable<string> paths, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var files = new List<(string Display, string Full)>();
        foreach (var path in paths)
        {
            if (File.Exists(path))
            {
                files.Add((path, Path.GetFullPath(path)));
            }
            else if (Directory.Exists(path))
            {
                files.AddRange(EnumerateTree(path));
            }
            else
            {
                throw new CilockException(SecretsDiagnostics.InputUnreadable, $"'{path}' does not exist");
            }
        }

        var results = new ConcurrentDictionary<int, SecretScanResult>();
        Parallel.For(0, files.Count, new ParallelOptions { CancellationToken = ct }, i =>
            results[i] = ScanFile(files[i].Display, files[i].Full, ct));
        var findings = new List<SecretFinding>();
        var diagnostics = new List<Diagnostic>();
        for (var i = 0; i < files.Count; i++)
        {
            findings.AddRange(results[i].Findings);
            diagnostics.AddRange(results[i].Diagnostics);
        }

        return new SecretScanResult(findings, diagnostics);
    }

    /// <summary>Scans one file (text or archive).</summary>
    public SecretScanResult ScanFile(string display, string fullPath, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(display);
        ArgumentNullException.ThrowIfNull(fullPath);
        var rulePath = display.Replace('\\', '/');
        try
        {
            if (ArchiveScanner.IsArchivePath(fullPath))
            {
                using var stream = new FileStream(fullPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
                return _archives.Scan(stream, display, rulePath, ct);
            }

            var length = new FileInfo(fullPath).Length;
            if (length > _scanner.Options.MaxFileBytes)
            {
                return new SecretScanResult([], [Diagnostic.Warning(SecretsDiagnostics.FileTooLarge,
                    $"{display} ({length} bytes) is larger than the scan limit ({_scanner.Options.MaxFileBytes} bytes) and was skipped", display)]);
            }

            var content = File.ReadAllBytes(fullPath);
            return TextSniffer.IsBinary(content)
                ? SecretScanResult.Empty
                : _scanner.Scan(TextSniffer.Decode(content), display, rulePath, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new SecretScanResult([], [Diagnostic.Warning(SecretsDiagnostics.InputUnreadable, $"{display} cannot be read: {e.Message}", display)]);
        }
    }

    private static IEnumerable<(string Display, string Full)> EnumerateTree(string root)
    {
        var options = new EnumerationOptions
        {
            RecurseSubdirectories = true,
            IgnoreInaccessible = true,
            AttributesToSkip = FileAttributes.ReparsePoint,
        };
        foreach (var full in Directory.EnumerateFiles(root, "*", options).Order(StringComparer.Ordinal))
        {
            if (full.Contains($"{Path.DirectorySeparatorChar}.git{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }

            yield return (full, Path.GetFullPath(full));
        }
    }
}
