using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Attestors;

/// <summary>An attestor that recorded the inputs of a step; later attestors see them via the context.</summary>
public interface IMaterialer
{
    /// <summary>Relative, forward-slash paths mapped to their digest sets.</summary>
    IReadOnlyDictionary<string, DigestSet> Materials { get; }
}
