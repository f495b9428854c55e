namespace Cilock.Attestation.Dsse;

/// <summary>An RFC 3161 token on a signature that verified against a trusted authority (for step timestamp constraints).</summary>
/// <param name="SignatureIndex">The index of the signature in the envelope.</param>
/// <param name="Authority">The name of the authority that verified it.</param>
/// <param name="GenTime">The token's genTime.</param>
public sealed record VerifiedTimestamp(int SignatureIndex, string Authority, DateTimeOffset GenTime);
