namespace Cilock.Operations.Bundles;

/// <summary>One <c>envelopes[]</c> entry of a bundle manifest.</summary>
/// <param name="Sha256">SHA-256 hex of the envelope line without its <c>\n</c>.</param>
/// <param name="PayloadType">The envelope's payload type (empty = omitted).</param>
/// <param name="SignerKeyIds">The non-empty <c>keyid</c>s of its signatures.</param>
public sealed record BundleEnvelopeEntry(string Sha256, string PayloadType, IReadOnlyList<string> SignerKeyIds);
