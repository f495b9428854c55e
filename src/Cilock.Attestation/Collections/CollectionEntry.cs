using System.Text.Json.Nodes;

namespace Cilock.Attestation.Collections;

/// <summary>One <c>attestations[]</c> entry of a collection (spec statement-and-collection.md §2).</summary>
/// <param name="Type">The predicate type exactly as written.</param>
/// <param name="Attestation">The attestation JSON (raw for unknown types; numbers keep their text).</param>
/// <param name="StartTime">The <c>starttime</c> (<see cref="DateTimeOffset.MinValue"/> when absent, like Go's zero time).</param>
/// <param name="EndTime">The <c>endtime</c>.</param>
public sealed record CollectionEntry(string Type, JsonNode? Attestation, DateTimeOffset StartTime, DateTimeOffset EndTime)
{
    /// <summary>The type after the cilock alias table (<see cref="AttestationTypes.Resolve"/>).</summary>
    public string ResolvedType => AttestationTypes.Resolve(Type);
}
