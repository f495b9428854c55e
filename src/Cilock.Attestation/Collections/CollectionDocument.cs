using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Collections;

/// <summary>A parsed statement payload whose predicate is an attestation collection.</summary>
/// <param name="Statement">The statement (subjects exactly as signed).</param>
/// <param name="Collection">The decoded collection.</param>
public sealed record CollectionDocument(Statement Statement, AttestationCollection Collection);
