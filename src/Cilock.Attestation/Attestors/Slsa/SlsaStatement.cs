using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Attestors.Slsa;

/// <summary>
/// The standalone provenance statement for ecosystem tools (slsa-verifier, GUAC, deps.dev): an in-toto v1 Statement
/// of the SLSA v1 spec type <c>https://slsa.dev/provenance/v1</c> in the spec's camelCase shape, with our own
/// (cilock) build type and builder id, whatever dialect the collection it came from was written in.
/// </summary>
public static class SlsaStatement
{
    /// <summary>Creates the statement for <paramref name="provenance"/> about <paramref name="subjects"/>.</summary>
    /// <exception cref="ArgumentException">When there is no subject (a provenance must be about something).</exception>
    public static Statement Create(SlsaProvenance provenance, IEnumerable<Subject> subjects)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        ArgumentNullException.ThrowIfNull(subjects);
        var list = subjects.ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("a provenance statement needs at least one subject", nameof(subjects));
        }

        // A Witness-shaped source names Witness' builder; the same platform kind is named in our vocabulary. An id of
        // a builder we do not know is kept as it is.
        var builderId = SlsaUris.KindOf(provenance.BuilderId) is { } kind ? SlsaUris.BuilderId(kind, Attestors.Dialect.Cilock) : provenance.BuilderId;
        var spec = provenance with
        {
            BuildType = SlsaUris.CilockBuildType,
            BuilderId = builderId,
        };
        return new Statement(SlsaUris.SpecPredicateType, list, spec.ToJson(Attestors.Dialect.Cilock, specConformant: true), Statement.TypeV1);
    }
}
