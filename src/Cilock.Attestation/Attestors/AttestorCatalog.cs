using Cilock.Attestation.Attestors.Ci;
using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.Attestors.Environment;
using Cilock.Attestation.Attestors.Git;
using Cilock.Attestation.Attestors.Material;
using Cilock.Attestation.Attestors.Pipeline;
using Cilock.Attestation.Attestors.Product;
using Cilock.Attestation.Attestors.Slsa;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Attestation.Attestors;

/// <summary>
/// The one explicit list of attestors that can be selected by name (<c>--attestations LIST</c>,
/// <c>CilockAttestors</c>). Add new attestors here, one line each.
/// </summary>
public static class AttestorCatalog
{
    private static readonly (string Name, Func<AttestorOptions, IAttestor> Create)[] Entries =
    [
        (EnvironmentAttestor.AttestorName, _ => new EnvironmentAttestor()),
        (GitAttestor.AttestorName, _ => new GitAttestor()),
        (MaterialAttestor.AttestorName, o => o.MaterialFiles is null ? new MaterialAttestor() : new MaterialAttestor(o.MaterialFiles)),
        (CommandRunAttestor.AttestorName, CreateCommandRun),
        (ProductAttestor.AttestorName, o => o.ProductFiles is null ? new ProductAttestor() : new ProductAttestor(o.ProductFiles)),
        (PipelineAttestor.AttestorName, _ => new PipelineAttestor()),
        (GitHubAttestor.AttestorName, _ => new GitHubAttestor()),
        (GitLabAttestor.AttestorName, _ => new GitLabAttestor()),
        (AzurePipelinesAttestor.AttestorName, _ => new AzurePipelinesAttestor()),
        (SlsaProvenanceAttestor.AttestorName, _ => new SlsaProvenanceAttestor()),
    ];

    /// <summary>Every selectable attestor name.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Entries.Select(e => e.Name)];

    /// <summary>
    /// The attestors a run gets when no list is given (git only inside a repository; the CI platform attestors record
    /// nothing outside their platform).
    /// </summary>
    public static IReadOnlyList<string> DefaultNames { get; } = [EnvironmentAttestor.AttestorName, GitAttestor.AttestorName, GitHubAttestor.AttestorName, GitLabAttestor.AttestorName, AzurePipelinesAttestor.AttestorName];

    /// <summary>Creates one attestor by name.</summary>
    /// <exception cref="CilockException">CIL1036 for an unknown name; CIL1040 for command-run without a command.</exception>
    public static IAttestor Create(string name, AttestorOptions options)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(options);
        var key = name.Trim().ToLowerInvariant();
        foreach (var (entryName, create) in Entries)
        {
            if (entryName == key)
            {
                return create(options);
            }
        }

        throw new CilockException(
            EvidenceDiagnostics.UnknownAttestor,
            $"unknown attestor '{name}'; known attestors: {string.Join(", ", Names)}");
    }

    /// <summary>
    /// The attestors of one run: <paramref name="names"/> (or <see cref="DefaultNames"/> when <c>null</c>; a
    /// default git attestor is left out outside a repository), plus material and product, which always run, plus
    /// command-run when <paramref name="options"/> carries a command. Duplicates are ignored.
    /// </summary>
    /// <exception cref="CilockException">CIL1036 for an unknown name.</exception>
    public static IReadOnlyList<IAttestor> CreateForRun(IEnumerable<string>? names, string workingDirectory, AttestorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var selected = new List<string>();
        if (names is null)
        {
            var environment = options.Environment ?? CiPlatforms.ProcessEnvironment();
            selected.AddRange(DefaultNames.Where(n => n != GitAttestor.AttestorName || GitAttestor.IsInRepository(workingDirectory))
                .Where(n => !CiPlatforms.IsCiAttestor(n) || CiPlatforms.Detect(environment) == n));
        }
        else
        {
            selected.AddRange(names.Select(n => n.Trim().ToLowerInvariant()).Where(n => n.Length > 0));
        }

        selected.Add(MaterialAttestor.AttestorName);
        selected.Add(ProductAttestor.AttestorName);
        if (options.Command is { Count: > 0 } || options.FinishedCommand is not null)
        {
            selected.Add(CommandRunAttestor.AttestorName);
        }

        return [.. selected.Distinct(StringComparer.Ordinal).Select(n => Create(n, options))];
    }

    private static IAttestor CreateCommandRun(AttestorOptions o)
    {
        if (o.FinishedCommand is not null)
        {
            return CommandRunAttestor.FromRecord(o.FinishedCommand);
        }

        if (o.Command is not { Count: > 0 })
        {
            throw new CilockException(EvidenceDiagnostics.CommandNotFound, "command not found: the command-run attestor needs a command");
        }

        return new CommandRunAttestor(o.Command, o.Runner, o.Stdout, o.Stderr);
    }
}
