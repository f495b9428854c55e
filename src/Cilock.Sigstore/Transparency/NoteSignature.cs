namespace Cilock.Sigstore.Transparency;

/// <summary>One signature line of a signed note: signer name, 4-byte key hint, signature bytes.</summary>
internal sealed record NoteSignature(string Name, byte[] KeyHint, byte[] Signature);
