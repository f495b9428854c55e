using Cilock.Attestation.Signing;

namespace Cilock.Operations.Keys;

/// <summary>What <see cref="KeygenOperation"/> creates.</summary>
public sealed record KeygenOptions
{
    /// <summary>Path prefix: the keys are written to <c>PREFIX.key</c> (mode 0600) and <c>PREFIX.pub</c>.</summary>
    public string OutputPrefix { get; init; } = "cilock";

    /// <summary>The key type; ECDSA P-256 by default.</summary>
    public KeyAlgorithm Algorithm { get; init; } = KeyAlgorithm.EcdsaP256;

    /// <summary>Replace existing key files instead of refusing (CIL1510).</summary>
    public bool Overwrite { get; init; }
}
