using System.Security.Cryptography;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;
using Cilock.Gate.Diagnostics;
using NuGet.Packaging;
using NuGet.Packaging.Core;

namespace Cilock.Gate.Packages;

/// <summary>
/// A private copy of a package (and optionally its symbols package and evidence files) taken with ONE read of each
/// original. Everything after this point — digest, verification, push, sidecar — uses the copy, so swapping or
/// editing the original after the snapshot cannot change what is pushed (no time-of-check/time-of-use gap).
/// The copy lives in a fresh directory only the current user can read (0700 dir, 0600 files) and is deleted on
/// <see cref="Dispose"/>.
/// </summary>
internal sealed class PackageSnapshot : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private PackageSnapshot(string directory) => Directory = directory;

    /// <summary>The private directory holding the copies.</summary>
    internal string Directory { get; }

    /// <summary>The private copy of the package, named <c>&lt;id&gt;.&lt;version&gt;.nupkg</c>.</summary>
    internal string PackagePath { get; private set; } = "";

    /// <summary>The original path the copy was taken from (for messages only; never read again).</summary>
    internal string OriginalPath { get; private set; } = "";

    /// <summary>Lowercase hex sha256 of the copied bytes.</summary>
    internal string Sha256 { get; private set; } = "";

    /// <summary>The digest set of the copy (sha256 only).</summary>
    internal DigestSet Digest => DigestSet.FromSha256(Sha256);

    /// <summary>Package id and version read from the copy's nuspec.</summary>
    internal PackageIdentity Identity { get; private set; } = null!;

    /// <summary>Size of the copy in bytes.</summary>
    internal long Length { get; private set; }

    /// <summary>Private copy of the symbols package beside <see cref="PackagePath"/>, when requested.</summary>
    internal string? SymbolsPath { get; private set; }

    /// <summary>Private copies of evidence files and directories, keyed by the original's full path.</summary>
    internal IReadOnlyDictionary<string, string> EvidenceCopies { get; private set; } = new Dictionary<string, string>();

    /// <summary>Maps evidence as given to what the verifier reads: its private copy (or the full path when none was taken).</summary>
    internal string EvidenceFor(string path) =>
        EvidenceCopies.TryGetValue(Path.GetFullPath(path), out var copy) ? copy : Path.GetFullPath(path);

    /// <summary>Snapshots <paramref name="packagePath"/>; see the type remarks.</summary>
    /// <param name="packagePath">The nupkg to publish.</param>
    /// <param name="symbolsPath">A <c>.snupkg</c> or <c>.symbols.nupkg</c> to publish with it, or <c>null</c>.</param>
    /// <param name="evidence">Evidence files and directories to copy (of a directory, the <c>*.json</c>/<c>*.jsonl</c> files
    /// the evidence reader reads, at the same relative paths).</param>
    /// <exception cref="CilockException">CIL3802 when the package is unreadable or not a nupkg; CIL3816 for symbols; CIL3812 for evidence.</exception>
    internal static PackageSnapshot Create(string packagePath, string? symbolsPath, IEnumerable<string> evidence)
    {
        var full = Path.GetFullPath(packagePath);
        if (!File.Exists(full))
        {
            throw new CilockException(GateDiagnostics.PackageUnreadable, $"package '{packagePath}' not found");
        }

        // CreateTempSubdirectory makes a uniquely named directory with mode 0700 on Unix.
        var snapshot = new PackageSnapshot(System.IO.Directory.CreateTempSubdirectory("cilock-push-").FullName);
        try
        {
            snapshot.OriginalPath = full;
            var staging = Path.Combine(snapshot.Directory, "package.nupkg.tmp");
            (snapshot.Sha256, snapshot.Length) = CopyAndHash(full, staging, GateDiagnostics.PackageUnreadable, "package");
            snapshot.Identity = ReadIdentity(staging, packagePath, GateDiagnostics.PackageUnreadable);

            // NuGet looks for symbols beside the package by file name, so the copy gets the canonical name.
            var baseName = $"{snapshot.Identity.Id}.{snapshot.Identity.Version.ToNormalizedString()}";
            snapshot.PackagePath = Path.Combine(snapshot.Directory, baseName + ".nupkg");
            File.Move(staging, snapshot.PackagePath);

            if (symbolsPath is not null)
            {
                snapshot.SymbolsPath = CopySymbols(snapshot, symbolsPath, baseName);
            }

            var copies = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var path in evidence.Select(Path.GetFullPath).Distinct(StringComparer.Ordinal))
            {
                if (System.IO.Directory.Exists(path))
                {
                    var target = Path.Combine(snapshot.Directory, $"evidence-{copies.Count}.d");
                    CopyEvidenceDirectory(path, target);
                    copies[path] = target;
                }
                else
                {
                    var target = Path.Combine(snapshot.Directory, $"evidence-{copies.Count}{EvidenceExtension(path)}");
                    CopyAndHash(path, target, GateDiagnostics.EvidenceMissing, "evidence file");
                    copies[path] = target;
                }
            }

            snapshot.EvidenceCopies = copies;
            return snapshot;
        }
        catch
        {
            snapshot.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Rewrites private-copy paths in a message back to the originals the user knows (the copies are deleted after
    /// the push, so naming them would only confuse).
    /// </summary>
    internal string ToOriginalPaths(string text)
    {
        // Longest first: "evidence-1.d" is a prefix of "evidence-10.d".
        foreach (var (original, copy) in EvidenceCopies.OrderByDescending(c => c.Value.Length))
        {
            text = text.Replace(copy, original, StringComparison.Ordinal);
        }

        return PackagePath.Length == 0 ? text : text.Replace(PackagePath, OriginalPath, StringComparison.Ordinal);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort: the directory is private to this user and uniquely named.
        }
    }

    private static string EvidenceExtension(string file) =>
        file.EndsWith(".intoto.jsonl", StringComparison.OrdinalIgnoreCase) ? ".intoto.jsonl" : Path.GetExtension(file);

    /// <summary>
    /// Copies the evidence files of <paramref name="source"/> (what <c>FileEvidenceSource</c> reads from a directory:
    /// <c>*.json</c> and <c>*.jsonl</c>, recursively) to <paramref name="target"/> at the same relative paths, so a
    /// directory, too, is read once and cannot change between verification and publishing.
    /// </summary>
    private static void CopyEvidenceDirectory(string source, string target)
    {
        try
        {
            CreatePrivateDirectory(target);
            var files = System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase));
            foreach (var file in files)
            {
                var copy = Path.Combine(target, Path.GetRelativePath(source, file));
                CreatePrivateDirectory(Path.GetDirectoryName(copy)!);
                CopyAndHash(file, copy, GateDiagnostics.EvidenceMissing, "evidence file");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CilockException(GateDiagnostics.EvidenceMissing, $"cannot read evidence directory '{source}': {e.Message}", e);
        }
    }

    private static void CreatePrivateDirectory(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(path);
        }
        else
        {
            System.IO.Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
    }

    private static string CopySymbols(PackageSnapshot snapshot, string symbolsPath, string baseName)
    {
        var full = Path.GetFullPath(symbolsPath);
        if (!File.Exists(full))
        {
            throw new CilockException(GateDiagnostics.SymbolsUnavailable, $"symbols package '{symbolsPath}' not found");
        }

        var extension = full.EndsWith(".snupkg", StringComparison.OrdinalIgnoreCase) ? ".snupkg" : ".symbols.nupkg";
        var target = Path.Combine(snapshot.Directory, baseName + extension);
        CopyAndHash(full, target, GateDiagnostics.SymbolsUnavailable, "symbols package");
        var identity = ReadIdentity(target, symbolsPath, GateDiagnostics.SymbolsUnavailable);
        if (!identity.Equals(snapshot.Identity))
        {
            throw new CilockException(
                GateDiagnostics.SymbolsUnavailable,
                $"symbols package '{symbolsPath}' is {identity}, but the package is {snapshot.Identity}");
        }

        return target;
    }

    private static (string Sha256, long Length) CopyAndHash(string source, string target, string code, string what)
    {
        try
        {
            using var input = new FileStream(source, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerReadWrite;
            }

            using var output = new FileStream(target, options);
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long length = 0;
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                output.Write(buffer, 0, read);
                length += read;
            }

            output.Flush(flushToDisk: true);
            return (Convert.ToHexStringLower(hash.GetHashAndReset()), length);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CilockException(code, $"cannot read {what} '{source}': {e.Message}", e);
        }
    }

    private static PackageIdentity ReadIdentity(string copy, string displayPath, string code)
    {
        try
        {
            using var reader = new PackageArchiveReader(copy);
            return reader.GetIdentity();
        }
        catch (Exception e) when (e is InvalidDataException or PackagingException or IOException or InvalidOperationException
                                      or ArgumentException or FormatException or System.Xml.XmlException)
        {
            throw new CilockException(code, $"'{displayPath}' is not a valid NuGet package: {e.Message}", e);
        }
    }
}
