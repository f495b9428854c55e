using Cilock.Sigstore.Bundles;

namespace Cilock.Sigstore.Signing;

/// <summary>The outcome of keyless blob signing.</summary>
/// <param name="Bundle">A Sigstore bundle v0.3 with a message signature over the blob's SHA-256 and a <c>hashedrekord</c> entry.</param>
/// <param name="Identity">The signer's certificate identity (never the token).</param>
public sealed record KeylessSignedBlob(SigstoreBundle Bundle, string Identity);
