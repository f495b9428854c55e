namespace Cilock.Attestation.Attestors;

/// <summary>An attestor that recorded the outputs of a step.</summary>
public interface IProducer
{
    /// <summary>Relative, forward-slash paths mapped to the recorded product.</summary>
    IReadOnlyDictionary<string, ProductFile> Products { get; }
}
