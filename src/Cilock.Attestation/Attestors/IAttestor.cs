using System.Text.Json.Nodes;
using Cilock.Attestation.Context;

namespace Cilock.Attestation.Attestors;

/// <summary>
/// One source of evidence in a step (environment, git, material, command-run, product…). The
/// <see cref="AttestationContext"/> runs attestors phase by phase and collects their JSON into the attestation
/// collection. An attestor instance is used for exactly one run.
/// </summary>
public interface IAttestor
{
    /// <summary>The short name used on the command line and in <c>--attestations</c> lists, e.g. <c>git</c>.</summary>
    string Name { get; }

    /// <summary>The phase in which the attestor runs.</summary>
    AttestationPhase Phase { get; }

    /// <summary>The predicate type URI written as the collection entry's <c>type</c> in <paramref name="dialect"/>.</summary>
    string PredicateType(Dialect dialect);

    /// <summary>Gathers the evidence. Expected failures throw <see cref="Diagnostics.CilockException"/>.</summary>
    ValueTask AttestAsync(AttestationContext context, CancellationToken ct);

    /// <summary>
    /// The attestation object written into the collection for <paramref name="dialect"/>, or <c>null</c> when this
    /// attestor has nothing loadable to contribute in that dialect (the entry is then dropped).
    /// </summary>
    JsonNode? ToJson(Dialect dialect);
}
