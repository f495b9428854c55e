using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.Attestors.Environment;
using Cilock.Attestation.Attestors.Git;
using Cilock.Attestation.Attestors.Material;
using Cilock.Attestation.Attestors.Product;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Attestation.Collections;

/// <summary>
/// One <c>attestations[]</c> entry of a collection (spec statement-and-collection.md §2), with typed accessors for
/// the attestors policies look into. Each accessor returns <c>null</c> when the entry is of another type and throws
/// CIL1034 when the entry has the type but not the shape.
/// </summary>
/// <param name="Type">The predicate type exactly as written.</param>
/// <param name="Attestation">The attestation JSON (raw for unknown types; numbers keep their text).</param>
/// <param name="StartTime">The <c>starttime</c> (<see cref="DateTimeOffset.MinValue"/> when absent, like Go's zero time).</param>
/// <param name="EndTime">The <c>endtime</c>.</param>
public sealed record CollectionEntry(string Type, JsonNode? Attestation, DateTimeOffset StartTime, DateTimeOffset EndTime)
{
    /// <summary>The type after the cilock alias table (<see cref="AttestationTypes.Resolve"/>).</summary>
    public string ResolvedType => AttestationTypes.Resolve(Type);

    /// <summary>Material v0.1 (Witness or cilock legacy) or v0.3.</summary>
    public MaterialPredicate? AsMaterial() =>
        ResolvedType is AttestationTypes.MaterialCilockV01 or AttestationTypes.MaterialCilock
            ? Decode(() => MaterialPredicate.FromJson(Attestation, Type))
            : null;

    /// <summary>Product v0.1, v0.2 (cilock legacy) or v0.3.</summary>
    public ProductPredicate? AsProduct() =>
        ResolvedType is AttestationTypes.ProductCilockV01 or AttestationTypes.ProductCilockV02 or AttestationTypes.ProductCilock
            ? Decode(() => ProductPredicate.FromJson(Attestation, Type))
            : null;

    /// <summary>Command-run v0.1 or v0.2.</summary>
    public CommandRunPredicate? AsCommandRun() =>
        ResolvedType is AttestationTypes.CommandRunCilockV01 or AttestationTypes.CommandRunCilock
            ? Decode(() => CommandRunPredicate.FromJson(Attestation, Type))
            : null;

    /// <summary>Git v0.1.</summary>
    public GitPredicate? AsGit() =>
        ResolvedType == AttestationTypes.GitCilock ? Decode(() => GitPredicate.FromJson(Attestation)) : null;

    /// <summary>Environment v0.1.</summary>
    public EnvironmentPredicate? AsEnvironment() =>
        ResolvedType == AttestationTypes.EnvironmentCilock ? Decode(() => EnvironmentPredicate.FromJson(Attestation)) : null;

    private T Decode<T>(Func<T> decode)
    {
        try
        {
            return decode();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException or KeyNotFoundException)
        {
            throw new CilockException(EvidenceDiagnostics.InvalidAttestation, $"attestation '{Type}' is malformed: {e.Message}", e);
        }
    }
}
