using System.Security.Cryptography;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.Attestors.DotNet;
using Cilock.Attestation.Attestors.Environment;
using Cilock.Attestation.Attestors.Git;
using Cilock.Attestation.Attestors.Material;
using Cilock.Attestation.Attestors.Product;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Hashing;
using Cilock.Attestation.InToto;
using Cilock.Attestation.IO;
using Cilock.Attestation.Signing;
using Microsoft.Extensions.FileSystemGlobbing;

namespace Cilock.Operations.Recording;

/// <summary>
/// Records a step the build engine already carried out (the MSBuild SDK's build, test and pack steps): runs the
/// attestors over explicit material/product lists and the finished command, signs the collection as one DSSE
/// envelope and writes it atomically. Fails closed: on any attestor error nothing is written.
/// </summary>
public sealed partial class StepRecordingOperation
{
    /// <summary>Attestor names this operation knows, in the order they are listed in documentation.</summary>
    public static readonly IReadOnlyList<string> KnownAttestors =
        [EnvironmentAttestor.AttestorName, GitAttestorName, MaterialAttestorName, CommandRunAttestor.AttestorName, ProductAttestorName, DotNetAttestor.AttestorName];

    private const string GitAttestorName = "git";
    private const string MaterialAttestorName = "material";
    private const string ProductAttestorName = "product";

    private readonly Func<StepRecordingOptions, (ISigner Signer, bool Created)> _signerFactory;

    private StepRecordingOperation(Func<StepRecordingOptions, (ISigner Signer, bool Created)> signerFactory)
    {
        _signerFactory = signerFactory;
    }

    /// <summary>An operation that signs with <see cref="StepRecordingOptions.KeyPath"/>, keyless in CI (see <see cref="StepRecordingOptions.Keyless"/>), or the per-user key.</summary>
    public static StepRecordingOperation CreateDefault() => new(LoadSigner) { KeylessAllowed = true };

    /// <summary>An operation that signs with <paramref name="signer"/> (tests).</summary>
    internal static StepRecordingOperation WithSigner(ISigner signer) => new(_ => (signer, false));

    /// <summary>Parses a dialect property value (<c>cilock</c> or <c>witness</c>, case-insensitive; empty = cilock).</summary>
    /// <exception cref="CilockException">CIL2005 for any other value.</exception>
    public static Dialect ParseDialect(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        null or "" or "cilock" => Dialect.Cilock,
        "witness" => Dialect.Witness,
        _ => throw new CilockException(RecordingDiagnostics.InvalidProperty, $"CilockDialect '{value}' is not supported; use 'cilock' or 'witness'"),
    };

    /// <summary>Records the step synchronously (MSBuild tasks are synchronous).</summary>
    public StepRecordingResult Execute(StepRecordingOptions options) =>
        ExecuteAsync(options, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    /// <summary>Records the step.</summary>
    public async ValueTask<StepRecordingResult> ExecuteAsync(StepRecordingOptions options, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var diagnostics = new List<Diagnostic>();
        try
        {
            var root = ResolveWorkingDirectory(options);
            var selected = SelectAttestors(options);

            // Read the restore graph first: a corrupt assets file must fail the step before anything is signed.
            ProjectAssets? assets = null;
            if (options.ProjectAssetsFile is not null && selected.Contains(DotNetAttestor.AttestorName))
            {
                assets = ProjectAssetsReader.Read(options.ProjectAssetsFile);
            }

            var materials = Existing(options.Materials.Concat(assets?.ExistingPackageFiles() ?? []), options.ProjectDirectory);
            materials = Exclude(materials, root, options.MaterialExcludeGlobs);
            var products = Existing(options.Products, options.ProjectDirectory);

            var attestors = new List<IAttestor>();
            if (selected.Contains(EnvironmentAttestor.AttestorName))
            {
                attestors.Add(new EnvironmentAttestor());
            }

            // Outside a git work tree (a source tarball) there is nothing to attest: skipping keeps such builds working.
            if (selected.Contains(GitAttestorName) && FindGitRoot(options.ProjectDirectory) is not null)
            {
                attestors.Add(new GitAttestor());
            }

            // cilock dialect only: one unknown type makes Witness reject the whole envelope (the package files are
            // still materials in both dialects).
            if (selected.Contains(DotNetAttestor.AttestorName) && options.Dialect == Dialect.Cilock && (assets is not null || options.SdkVersion is not null))
            {
                attestors.Add(new DotNetAttestor(new DotNetAttestorOptions
                {
                    Assets = assets,
                    SdkVersion = options.SdkVersion,
                    MSBuildVersion = options.MSBuildVersion,
                    TargetFramework = options.TargetFramework,
                }));
            }

            attestors.Add(new MaterialAttestor(new FileList(root, materials) { NamedRoots = NamedRoots(options, assets) }));
            if (options.Command is { Count: > 0 } command)
            {
                attestors.Add(CommandRunAttestor.FromRecord(new CommandRecord(command, options.ExitCode)));
            }

            attestors.Add(new ProductAttestor(new FileList(root, products) { NamedRoots = NamedRoots(options, assets) }));

            // Optional concerns (SBOM, SARIF, test results, secret scan, trace, CI platform) add their attestors from
            // their own partial files (StepRecordingOperation.<Concern>.cs): one line each below, nothing else here.
            // ── optional attestors ──
            AddSbomAttestors(attestors, options);
            AddReportAttestors(attestors, options);
            AddSecretScan(attestors, options);
            AddCiAttestors(attestors, options);
            AddSlsaAttestor(attestors, options);
            await AttachTraceAsync(attestors, options, ct).ConfigureAwait(false);

            var context = new AttestationContext(
                new AttestationContextOptions
                {
                    WorkingDirectory = root,
                    StepName = options.StepName,
                    Dialect = options.Dialect,
                    Hashes = options.Hashes,
                    Environment = options.Environment,
                    TimeProvider = options.TimeProvider,
                },
                attestors);
            var run = await context.RunAsync(ct).ConfigureAwait(false);
            if (!run.Succeeded)
            {
                diagnostics.AddRange(run.Diagnostics.Select(d => d.Severity == DiagnosticSeverity.Error
                    ? Diagnostic.Error(RecordingDiagnostics.StepFailed, $"step '{options.StepName}' was not recorded: {d.Code}: {d.Message}", d.File)
                    : d));
                return new StepRecordingResult(null, diagnostics);
            }

            diagnostics.AddRange(run.Diagnostics);
            var statement = CollectionBuilder.Build(run, options.Dialect, diagnostics);
            statement = AddFileSubjects(statement, options, root);
            statement = AddFileLinks(statement, options.FileLinks, options.Dialect, context);

            // ── before signing ── (redaction of secrets found by the post-product scan)
            statement = RedactSecrets(statement, attestors, options);
            var (envelope, created, bundle, signedNote) = await SignStatementAsync(options, statement.ToJsonBytes(), ct).ConfigureAwait(false);
            var json = envelope.ToJson();
            var evidencePath = Path.GetFullPath(options.EvidencePath);
            WriteBundle(evidencePath, bundle);
            Write(evidencePath, json);
            diagnostics.AddRange(signedNote is null ? [] : [signedNote]);
            foreach (var link in options.LinkDirectories)
            {
                var project = Path.GetFileName(options.ProjectDirectory.TrimEnd('/', '\\'));
                var linked = Path.Combine(Path.GetFullPath(link), "linked", $"{project}.{Path.GetFileName(evidencePath)}");
                WriteBundle(linked, bundle);
                Write(linked, json);
            }

            return new StepRecordingResult(evidencePath, diagnostics, created);
        }
        catch (CilockException e)
        {
            diagnostics.Add(Diagnostic.Error(e.Code, e.Message));
            return new StepRecordingResult(null, diagnostics);
        }
    }

    private static (ISigner Signer, bool Created) LoadSigner(StepRecordingOptions options)
    {
        try
        {
            if (options.KeyPath is not null)
            {
                return (KeyLoader.LoadSigner(options.KeyPath, options.KeyPasswordEnvironmentVariable), false);
            }

            var key = UserKeyStore.GetOrCreate(out var created);
            return (key.Signer, created);
        }
        catch (CilockException e)
        {
            var which = options.KeyPath is null ? "the per-user signing key" : $"CilockSigningKey '{options.KeyPath}'";
            throw new CilockException(RecordingDiagnostics.SigningKeyUnusable, $"cannot sign with {which}: {e.Code}: {e.Message}", e);
        }
    }

    // Files outside the working directory get machine-independent names: nuget:<id>/<version>/… for the package
    // folders of the restore graph and sdk:<path> for the .NET installation (reference packs, the SDK itself).
    private static Dictionary<string, string> NamedRoots(StepRecordingOptions options, ProjectAssets? assets)
    {
        var roots = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (folder, index) in (assets?.PackageFolders ?? []).Select((f, i) => (f, i)))
        {
            roots[index == 0 ? "nuget" : $"nuget{index}"] = folder;
        }

        if (!string.IsNullOrWhiteSpace(options.DotNetRoot))
        {
            roots["sdk"] = options.DotNetRoot;
        }

        return roots;
    }

    private static HashSet<string> SelectAttestors(StepRecordingOptions options)
    {
        var selected = new HashSet<string>(options.Attestors ?? KnownAttestors, StringComparer.Ordinal);
        var unknown = selected.Where(a => !KnownAttestors.Contains(a)).ToList();
        if (unknown.Count > 0)
        {
            throw new CilockException(RecordingDiagnostics.InvalidProperty, $"unknown attestor(s) in CilockAttestors: {string.Join(", ", unknown)}; known: {string.Join(", ", KnownAttestors)}");
        }

        return selected;
    }

    private static string ResolveWorkingDirectory(StepRecordingOptions options)
    {
        if (options.WorkingDirectory is not null)
        {
            var explicitRoot = Path.GetFullPath(options.WorkingDirectory, options.ProjectDirectory);
            return Directory.Exists(explicitRoot)
                ? explicitRoot
                : throw new CilockException(RecordingDiagnostics.InvalidProperty, $"CilockWorkingDirectory '{explicitRoot}' does not exist");
        }

        return FindGitRoot(options.ProjectDirectory) ?? Path.GetFullPath(options.ProjectDirectory);
    }

    // The git work tree root: the nearest folder with a .git folder, or a .git file (worktrees, submodules).
    private static string? FindGitRoot(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            var git = Path.Combine(dir.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    private static List<string> Existing(IEnumerable<string> files, string baseDirectory) =>
        [.. files.Where(f => !string.IsNullOrWhiteSpace(f))
            .Select(f => Path.GetFullPath(f, baseDirectory))
            .Where(File.Exists)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    private static List<string> Exclude(List<string> files, string root, IReadOnlyList<string> globs)
    {
        if (globs.Count == 0)
        {
            return files;
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude("**/*");
        matcher.AddExcludePatterns(globs);
        var inside = files.Where(f => !Path.GetRelativePath(root, f).StartsWith("..", StringComparison.Ordinal)).ToList();
        var kept = matcher.Match(root, inside).Files.Select(m => Path.GetFullPath(m.Path, root)).ToHashSet(StringComparer.Ordinal);
        return [.. files.Where(f => kept.Contains(f) || !inside.Contains(f))];
    }

    private static Statement AddFileLinks(Statement statement, StepFileLinks links, Dialect dialect, AttestationContext context)
    {
        if (links == StepFileLinks.None)
        {
            return statement;
        }

        var materialType = dialect == Dialect.Cilock ? AttestationTypes.MaterialCilock : AttestationTypes.MaterialWitness;
        var productType = dialect == Dialect.Cilock ? AttestationTypes.ProductCilock : AttestationTypes.ProductWitness;
        var materials = Local(context.Materials.Select(m => (m.Key, m.Value.Sha256Hex)), materialType);
        var products = Local(context.Products.Select(p => (p.Key, p.Value.Digest.Sha256Hex)), productType);

        var subjects = statement.Subjects.ToDictionary(s => s.Name, s => s, StringComparer.Ordinal);
        void AddSubjects(IEnumerable<(string Name, string Sha256)> files)
        {
            foreach (var (name, sha) in files)
            {
                subjects[name] = new Subject(name, [new(DigestSet.Sha256, sha)]);
            }
        }

        if (links.HasFlag(StepFileLinks.ProductSubjects))
        {
            AddSubjects(products);
        }

        if (links.HasFlag(StepFileLinks.MaterialSubjects))
        {
            AddSubjects(materials);
        }

        var predicate = statement.Predicate?.DeepClone();
        // Witness has no backrefs member (it recomputes them); only the cilock dialect records them.
        if (dialect == Dialect.Cilock && predicate is System.Text.Json.Nodes.JsonObject collection
            && (links.HasFlag(StepFileLinks.ProductBackRefs) || links.HasFlag(StepFileLinks.MaterialBackRefs)))
        {
            var backrefs = new SortedDictionary<string, System.Text.Json.Nodes.JsonNode?>(StringComparer.Ordinal);
            if (collection["backrefs"] is System.Text.Json.Nodes.JsonObject existing)
            {
                foreach (var (key, value) in existing)
                {
                    backrefs[key] = value?.DeepClone();
                }
            }

            var linked = (links.HasFlag(StepFileLinks.ProductBackRefs) ? products : [])
                .Concat(links.HasFlag(StepFileLinks.MaterialBackRefs) ? materials : []);
            foreach (var (name, sha) in linked)
            {
                backrefs[name] = new System.Text.Json.Nodes.JsonObject { [DigestSet.Sha256] = sha };
            }

            var rebuilt = new System.Text.Json.Nodes.JsonObject();
            foreach (var (key, value) in backrefs)
            {
                rebuilt[key] = value;
            }

            collection["backrefs"] = rebuilt;
        }

        return new Statement(statement.PredicateType, subjects.Values, predicate, statement.Type);
    }

    // Files inside the working directory only: their names have no "nuget:"/"sdk:" prefix and are not absolute.
    private static List<(string Name, string Sha256)> Local(IEnumerable<(string Path, string? Sha256)> files, string type) =>
        [.. files.Where(f => f.Sha256 is not null && !f.Path.Contains(':', StringComparison.Ordinal) && !f.Path.StartsWith('/'))
            .Select(f => ($"{type}/file:{f.Path}", f.Sha256!))];

    private static Statement AddFileSubjects(Statement statement, StepRecordingOptions options, string root)
    {
        if (options.FileSubjects.Count == 0)
        {
            return statement;
        }

        var productType = options.Dialect == Dialect.Cilock ? AttestationTypes.ProductCilock : AttestationTypes.ProductWitness;
        var extra = new List<Subject>();
        foreach (var file in Existing(options.FileSubjects, options.ProjectDirectory))
        {
            string sha256;
            try
            {
                using var stream = File.OpenRead(file);
                sha256 = Convert.ToHexStringLower(SHA256.HashData(stream));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CilockException(RecordingDiagnostics.StepFailed, $"cannot hash '{file}': {e.Message}", e);
            }

            // Same naming as the product leaves: relative inside the working directory, else the full path.
            var name = new FileList(root, [file]).Resolve()[0].Name;
            extra.Add(new Subject($"{productType}/file:{name}", [new(DigestSet.Sha256, sha256)]));
        }

        var names = extra.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);
        return new Statement(statement.PredicateType, statement.Subjects.Where(s => !names.Contains(s.Name)).Concat(extra), statement.Predicate, statement.Type);
    }

    private static void Write(string path, string json)
    {
        try
        {
            AtomicFile.WriteAllText(path, json);
        }
        catch (CilockException e)
        {
            throw new CilockException(RecordingDiagnostics.EvidenceNotWritable, $"cannot write evidence: {e.Message}", e);
        }
    }
}
