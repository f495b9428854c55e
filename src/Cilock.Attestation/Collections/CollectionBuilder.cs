using Cilock.Attestation.Attestors;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Collections;

/// <summary>Turns an <see cref="AttestationRun"/> into the in-toto statement that gets signed.</summary>
public static class CollectionBuilder
{
    /// <summary>
    /// Builds the Statement v0.1 whose predicate is the collection of the run's succeeded attestors, written in
    /// <paramref name="dialect"/>. Subjects are <c>&lt;type&gt;/&lt;key&gt;</c> sorted ordinally; <c>backrefs</c> are
    /// recorded in the cilock dialect only. In the witness profile attestors W10 cannot load are left out (one
    /// unknown type would make Witness reject the whole envelope) and a <c>CIL1045</c> warning is added to
    /// <paramref name="diagnostics"/>.
    /// </summary>
    public static Statement Build(AttestationRun run, Dialect dialect, ICollection<Diagnostic>? diagnostics = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        var entries = new List<CollectionEntry>();
        var subjects = new SortedDictionary<string, DigestSet>(StringComparer.Ordinal);
        var backrefs = new SortedDictionary<string, DigestSet>(StringComparer.Ordinal);
        foreach (var completed in run.Attestors.Where(a => a.Succeeded))
        {
            var attestor = completed.Attestor;
            if (attestor is IOptionalEvidence { HasEvidence: false })
            {
                continue;
            }

            var type = attestor.PredicateType(dialect);
            if (dialect == Dialect.Witness && !AttestationTypes.IsWitnessLoadable(type))
            {
                diagnostics?.Add(Diagnostic.Warning(
                    EvidenceDiagnostics.DroppedForWitness,
                    $"attestor '{attestor.Name}' ({type}) is not loadable by Witness and was left out of the witness-profile collection"));
                continue;
            }

            var json = attestor.ToJson(dialect);
            if (json is null)
            {
                diagnostics?.Add(Diagnostic.Warning(
                    EvidenceDiagnostics.DroppedForWitness,
                    $"attestor '{attestor.Name}' has no {dialect} representation and was left out of the collection"));
                continue;
            }

            entries.Add(new CollectionEntry(type, json, completed.StartTime, completed.EndTime));
            if (attestor is ISubjecter subjecter)
            {
                foreach (var (key, digest) in subjecter.GetSubjects(dialect))
                {
                    subjects[$"{type}/{key}"] = digest;
                }
            }

            if (dialect == Dialect.Cilock && attestor is IBackReffer backReffer)
            {
                foreach (var (key, digest) in backReffer.GetBackRefs(dialect))
                {
                    backrefs[$"{type}/{key}"] = digest;
                }
            }
        }

        var collection = new AttestationCollection(run.StepName, entries, dialect == Dialect.Cilock ? backrefs : null);
        return new Statement(
            AttestationTypes.CollectionType(dialect),
            subjects.Select(kv => new Subject(kv.Key, kv.Value)),
            collection.ToJson());
    }
}
