namespace Cilock.Sigstore.Fulcio;

/// <summary>The certificate chain Fulcio issued for an ephemeral key, leaf first, as PEM.</summary>
/// <param name="LeafPem">The short-lived signing certificate.</param>
/// <param name="IntermediatePems">The chain between the leaf and the root, leaf side first; the self-signed root is left out (verifiers take it from their trust root).</param>
/// <param name="LeafDer">The leaf in DER (what a Sigstore bundle carries).</param>
public sealed record FulcioCertificateChain(string LeafPem, IReadOnlyList<string> IntermediatePems, byte[] LeafDer);
