using Cilock.Attestation.Dsse;

namespace Cilock.Policy.Evidence;

/// <summary>
/// What a verified Sigstore bundle adds to an envelope: the bundle's own signature as a Witness-shaped envelope (leaf
/// certificate, the trusted root's Fulcio intermediates, RFC 3161 tokens) and the signing times its transparency-log
/// entries and timestamps proved against the Sigstore trusted root.
/// </summary>
/// <param name="BundleReference">The bundle file.</param>
/// <param name="Envelope">The bundle's envelope with its certificate material, verified by the policy like any envelope.</param>
/// <param name="VerifiedTimes">Signing times proved by the bundle (SET-backed integrated times, TSA genTimes); never empty.</param>
public sealed record SigstoreProof(string BundleReference, DsseEnvelope Envelope, IReadOnlyList<DateTimeOffset> VerifiedTimes);
