using System.Collections.Concurrent;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Hashing;

/// <summary>
/// Hashes every regular file under a root in parallel (bounded by the processor count), streaming each file once
/// for all requested algorithms. <c>.git</c> folders are skipped. Symbolic links are never followed out of the root:
/// a link to a file inside the root is recorded under the link's path with the target's digest, a link whose final
/// target escapes the root is skipped with a CIL1043 warning, and linked folders are not descended into (their files
/// are recorded at their real location when that is inside the root).
/// </summary>
public static class FileTreeHasher
{
    /// <summary>Walks and hashes <see cref="FileTreeHashOptions.Root"/>.</summary>
    /// <exception cref="CilockException">CIL1042 when the root does not exist.</exception>
    public static async Task<FileTreeHashResult> HashAsync(FileTreeHashOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Root));
        if (!Directory.Exists(root))
        {
            throw new CilockException(EvidenceDiagnostics.FileUnreadable, $"folder '{options.Root}' does not exist");
        }

        var diagnostics = new ConcurrentQueue<Diagnostic>();
        var files = new List<(string Full, string Relative)>();
        var dirHashed = new List<string>();
        Walk(root, root, options, files, dirHashed, diagnostics, ct);
        if (dirHashed.Count == 0)
        {
            return await HashListAsync(files, options.Algorithms, options.MaxDegreeOfParallelism, diagnostics, ct).ConfigureAwait(false);
        }

        // dirHash folders need sha256 of each of their files; they are hashed in the same parallel pass.
        var algorithms = options.Algorithms.Contains(DigestSet.Sha256) ? options.Algorithms : [.. options.Algorithms, DigestSet.Sha256];
        var hashed = await HashListAsync(files, algorithms, options.MaxDegreeOfParallelism, diagnostics, ct).ConfigureAwait(false);
        return CollapseDirHashes(hashed, dirHashed, options.Algorithms);
    }

    /// <summary>
    /// Hashes an explicit list of files, each named by the caller (e.g. relative to a project folder, or with a
    /// stable prefix for files outside it). A missing or unreadable file becomes a CIL1046/CIL1042 warning and is left out.
    /// </summary>
    public static Task<FileTreeHashResult> HashFilesAsync(
        IEnumerable<(string FullPath, string Name)> files,
        IReadOnlyList<string> algorithms,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(files);
        var diagnostics = new ConcurrentQueue<Diagnostic>();
        var list = new List<(string, string)>();
        foreach (var (full, name) in files)
        {
            if (File.Exists(full))
            {
                list.Add((full, name));
            }
            else
            {
                diagnostics.Enqueue(Diagnostic.Warning(EvidenceDiagnostics.ListedFileMissing, $"listed file '{full}' does not exist and was not recorded"));
            }
        }

        return HashListAsync(list, algorithms, null, diagnostics, ct);
    }

    private static async Task<FileTreeHashResult> HashListAsync(
        List<(string Full, string Relative)> files,
        IReadOnlyList<string> algorithms,
        int? parallelism,
        ConcurrentQueue<Diagnostic> diagnostics,
        CancellationToken ct)
    {
        var results = new ConcurrentDictionary<string, DigestSet>(StringComparer.Ordinal);
        var parallel = new ParallelOptions
        {
            MaxDegreeOfParallelism = Math.Max(1, parallelism ?? Environment.ProcessorCount),
            CancellationToken = ct,
        };

        // Synchronous reads on pool threads beat async file I/O for this workload; the degree bounds memory too.
        await Parallel.ForEachAsync(files, parallel, (file, _) =>
        {
            try
            {
                results[file.Relative] = FileDigester.Compute(file.Full, algorithms);
            }
            catch (CilockException e) when (e.Code == EvidenceDiagnostics.FileUnreadable)
            {
                diagnostics.Enqueue(Diagnostic.Warning(e.Code, e.Message));
            }

            return ValueTask.CompletedTask;
        }).ConfigureAwait(false);

        var sorted = new SortedDictionary<string, DigestSet>(results, Utf8Order.Instance);
        return new FileTreeHashResult(sorted, [.. diagnostics]);
    }

    private static FileTreeHashResult CollapseDirHashes(FileTreeHashResult hashed, List<string> folders, IReadOnlyList<string> algorithms)
    {
        var result = new SortedDictionary<string, DigestSet>(Utf8Order.Instance);
        var members = folders.ToDictionary(f => f + "/", _ => new List<KeyValuePair<string, string>>(), StringComparer.Ordinal);
        foreach (var (path, digest) in hashed.Files)
        {
            var folder = members.Keys.FirstOrDefault(f => path.StartsWith(f, StringComparison.Ordinal));
            if (folder is null)
            {
                result[path] = algorithms.Contains(DigestSet.Sha256) ? digest : DigestSet.Create(digest.Where(kv => algorithms.Contains(kv.Key)));
            }
            else
            {
                members[folder].Add(new(path[folder.Length..], digest.Sha256Hex!));
            }
        }

        foreach (var (folder, files) in members)
        {
            result[folder] = DirHash.ToDigestSet(DirHash.Compute(files));
        }

        return new FileTreeHashResult(result, hashed.Diagnostics);
    }

    private static void Walk(
        string root,
        string directory,
        FileTreeHashOptions options,
        List<(string, string)> files,
        List<string> dirHashed,
        ConcurrentQueue<Diagnostic> diagnostics,
        CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        IEnumerable<FileSystemInfo> entries;
        try
        {
            entries = new DirectoryInfo(directory).EnumerateFileSystemInfos("*", new EnumerationOptions
            {
                RecurseSubdirectories = false,
                IgnoreInaccessible = false,
                AttributesToSkip = 0,
                ReturnSpecialDirectories = false,
            }).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            diagnostics.Enqueue(Diagnostic.Warning(EvidenceDiagnostics.FileUnreadable, $"cannot list '{directory}': {e.Message}"));
            return;
        }

        foreach (var entry in entries)
        {
            var relative = Path.GetRelativePath(root, entry.FullName).Replace('\\', '/');
            if (entry.LinkTarget is not null)
            {
                AddLink(root, entry, relative, options, files, diagnostics);
            }
            else if (entry is DirectoryInfo)
            {
                if (entry.Name == ".git")
                {
                    continue;
                }

                if (options.DirHashGlobs.Count > 0 && Glob.PathSelected(relative, options.DirHashGlobs, []))
                {
                    // Every file of the folder counts, whatever the include/exclude globs say.
                    dirHashed.Add(relative);
                    Walk(root, entry.FullName, options with { IncludeGlobs = [], ExcludeGlobs = [], DirHashGlobs = [] }, files, dirHashed, diagnostics, ct);
                }
                else
                {
                    Walk(root, entry.FullName, options, files, dirHashed, diagnostics, ct);
                }
            }
            else if (entry is FileInfo && Glob.PathSelected(relative, options.IncludeGlobs, options.ExcludeGlobs))
            {
                files.Add((entry.FullName, relative));
            }
        }
    }

    private static void AddLink(
        string root,
        FileSystemInfo link,
        string relative,
        FileTreeHashOptions options,
        List<(string, string)> files,
        ConcurrentQueue<Diagnostic> diagnostics)
    {
        FileSystemInfo? target;
        try
        {
            target = link.ResolveLinkTarget(returnFinalTarget: true);
        }
        catch (IOException e)
        {
            diagnostics.Enqueue(Diagnostic.Warning(EvidenceDiagnostics.SymlinkEscapes, $"symbolic link '{relative}' cannot be resolved and was skipped: {e.Message}"));
            return;
        }

        if (target is null || !IsInside(root, target.FullName))
        {
            diagnostics.Enqueue(Diagnostic.Warning(EvidenceDiagnostics.SymlinkEscapes, $"symbolic link '{relative}' points outside '{root}' and was skipped"));
            return;
        }

        if (target is FileInfo { Exists: true } && Glob.PathSelected(relative, options.IncludeGlobs, options.ExcludeGlobs))
        {
            files.Add((target.FullName, relative));
        }
    }

    private static bool IsInside(string root, string path)
    {
        var full = Path.GetFullPath(path);
        return full.StartsWith(root + Path.DirectorySeparatorChar, OperatingSystem.IsWindows() ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);
    }
}
