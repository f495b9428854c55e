using Cilock.Attestation.Dsse;
using Cilock.Sigstore.Bundles;

namespace Cilock.Sigstore.Signing;

/// <summary>The outcome of keyless envelope signing: the same signature in Witness/cilock form and as a Sigstore bundle.</summary>
/// <param name="Envelope">The DSSE envelope; its signature carries the Fulcio leaf, intermediates and the RFC 3161 tokens (spec dsse-and-keys.md §1, §7–8).</param>
/// <param name="Bundle">The Sigstore bundle v0.3 of the same signature, with the Rekor entry and timestamps.</param>
/// <param name="Identity">The signer's certificate identity: the token's subject, issuer and source (never the token).</param>
public sealed record KeylessSignedEnvelope(DsseEnvelope Envelope, SigstoreBundle Bundle, string Identity);
