namespace Cilock.Sigstore.Timestamping;

/// <summary>One RFC 3161 timestamp over a signature, in the two encodings the evidence formats use.</summary>
/// <param name="Token">The TimeStampToken (CMS ContentInfo, DER): DSSE <c>timestamps[].data</c>.</param>
/// <param name="Response">The TimeStampResp (status + token, DER): bundle <c>rfc3161Timestamps[].signedTimestamp</c>.</param>
internal sealed record Rfc3161Stamp(byte[] Token, byte[] Response);
