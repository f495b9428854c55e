using Cilock.Attestation.Collections;
using Cilock.Attestation.InToto;

namespace Cilock.Operations.Inspection;

/// <summary>The readable parts of an in-toto statement.</summary>
/// <param name="Type">The <c>_type</c> member.</param>
/// <param name="PredicateType">The predicate type URI.</param>
/// <param name="Subjects">The subjects, sorted by name.</param>
/// <param name="Collection">The attestation collection, when the predicate is one.</param>
public sealed record StatementSummary(
    string Type,
    string PredicateType,
    IReadOnlyList<Subject> Subjects,
    AttestationCollection? Collection);
