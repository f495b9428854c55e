namespace Cilock.Operations.Signatures;

/// <summary>What <see cref="VerifySignatureOperation"/> checks.</summary>
public sealed record VerifySignatureOptions
{
    /// <summary>A DSSE envelope or <c>.intoto.jsonl</c> file; every envelope in it must verify.</summary>
    public required string EvidencePath { get; init; }

    /// <summary>Public keys (PEM: PUBLIC KEY, RSA PUBLIC KEY or CERTIFICATE); each is tried on every signature.</summary>
    public required IReadOnlyList<string> PublicKeyPaths { get; init; }

    /// <summary>How many distinct keys must have signed each envelope.</summary>
    public int Threshold { get; init; } = 1;
}
