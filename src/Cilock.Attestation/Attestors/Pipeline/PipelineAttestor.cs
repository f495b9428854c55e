using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using YamlDotNet.Core;

namespace Cilock.Attestation.Attestors.Pipeline;

/// <summary>
/// Records every action, reusable workflow, container image, include, template and task that the repository's CI
/// definitions reference, with its line and whether it is pinned immutably (GitHub workflows and local
/// <c>action.yml</c> files, <c>.gitlab-ci.yml</c>, Azure Pipelines). cilock only
/// (<see cref="PredicateTypeUri"/>): it is never written into a witness-profile collection. A malformed file becomes
/// a <c>CIL1047</c> warning and a <c>malformed</c> file entry so that policies can fail closed on it.
/// </summary>
public sealed class PipelineAttestor : IAttestor
{
    /// <summary>The attestor name.</summary>
    public const string AttestorName = "pipeline-definition";

    /// <summary>The predicate type (cilock only; not in the W10 registry).</summary>
    public const string PredicateTypeUri = "https://aflock.ai/attestations/pipeline-definition/v0.1";

    /// <summary>Largest definition file read; bigger files are reported and marked malformed.</summary>
    internal const long MaxFileBytes = 1024 * 1024;

    private static readonly HashSet<string> SkippedDirectories = new(StringComparer.Ordinal) { ".git", "node_modules", "bin", "obj", "artifacts", ".vs" };

    private readonly List<PipelineDefinitionFile> _files = [];
    private readonly List<PipelineReference> _references = [];
    private bool _attested;

    /// <inheritdoc />
    public string Name => AttestorName;

    /// <inheritdoc />
    public AttestationPhase Phase => AttestationPhase.Material;

    /// <summary>The definition files read, after the run.</summary>
    public IReadOnlyList<PipelineDefinitionFile> Files => _files;

    /// <summary>Every reference found, after the run, ordered by file and line.</summary>
    public IReadOnlyList<PipelineReference> References => _references;

    /// <inheritdoc />
    public string PredicateType(Dialect dialect) => PredicateTypeUri;

    /// <inheritdoc />
    public ValueTask AttestAsync(AttestationContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var current = CurrentWorkflowPath(context.Environment);
        foreach (var relative in FindDefinitions(context.WorkingDirectory, ct))
        {
            var platform = PipelinePlatform.Detect(relative)!;
            var ok = TryRead(context, relative, platform, out var references);
            _files.Add(new PipelineDefinitionFile(relative, platform, relative == current, !ok));
            _references.AddRange(references);
        }

        _attested = true;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public JsonNode? ToJson(Dialect dialect)
    {
        if (!_attested || dialect == Dialect.Witness)
        {
            return null;
        }

        var files = new JsonArray();
        foreach (var f in _files)
        {
            var o = new JsonObject { ["path"] = f.Path, ["platform"] = f.Platform };
            if (f.Current)
            {
                o["current"] = true;
            }

            if (f.Malformed)
            {
                o["malformed"] = true;
            }

            files.Add(o);
        }

        return new JsonObject
        {
            ["files"] = files,
            ["references"] = new JsonArray([.. _references.Select(r => (JsonNode)r.ToJson())]),
        };
    }

    /// <summary>
    /// The repository-relative path of the running workflow from <c>GITHUB_WORKFLOW_REF</c>
    /// (<c>owner/repo/.github/workflows/ci.yml@refs/heads/main</c>), or null outside GitHub Actions.
    /// </summary>
    internal static string? CurrentWorkflowPath(IReadOnlyDictionary<string, string> environment)
    {
        if (!environment.TryGetValue("GITHUB_WORKFLOW_REF", out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        var at = value.IndexOf('@', StringComparison.Ordinal);
        var path = at < 0 ? value : value[..at];
        var parts = path.Split('/', 3);
        return parts.Length == 3 ? parts[2] : null;
    }

    /// <summary>Definition files under <paramref name="root"/>, relative with <c>/</c>, in ordinal order.</summary>
    internal static IReadOnlyList<string> FindDefinitions(string root, CancellationToken ct)
    {
        var found = new List<string>();
        var pending = new Stack<string>();
        pending.Push(root);
        var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint, RecurseSubdirectories = false };
        while (pending.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            var dir = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(dir, "*", options))
            {
                if (!SkippedDirectories.Contains(Path.GetFileName(sub)))
                {
                    pending.Push(sub);
                }
            }

            foreach (var file in Directory.EnumerateFiles(dir, "*", options))
            {
                var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
                if (PipelinePlatform.Detect(relative) is not null)
                {
                    found.Add(relative);
                }
            }
        }

        found.Sort(StringComparer.Ordinal);
        return found;
    }

    private static bool TryRead(AttestationContext context, string relative, string platform, out IReadOnlyList<PipelineReference> references)
    {
        references = [];
        string text;
        try
        {
            var full = Path.Combine(context.WorkingDirectory, relative);
            if (new FileInfo(full).Length > MaxFileBytes)
            {
                context.Report(new Diagnostic(PipelineDiagnostics.UnreadableDefinition, DiagnosticSeverity.Warning,
                    $"pipeline definition '{relative}' is larger than {MaxFileBytes} bytes and was not read", relative));
                return false;
            }

            text = File.ReadAllText(full, Encoding.UTF8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Report(new Diagnostic(PipelineDiagnostics.UnreadableDefinition, DiagnosticSeverity.Warning,
                $"pipeline definition '{relative}' could not be read: {e.Message}", relative));
            return false;
        }

        try
        {
            references = DefinitionReader.Read(relative, platform, text);
            return true;
        }
        catch (YamlException e)
        {
            // Only the position and YamlDotNet's message: the file text itself is not echoed.
            context.Report(new Diagnostic(PipelineDiagnostics.MalformedDefinition, DiagnosticSeverity.Warning,
                $"pipeline definition '{relative}' is not valid YAML ({e.Message.Trim()}); its references are unknown",
                relative, (int)e.Start.Line));
            return false;
        }
    }
}
