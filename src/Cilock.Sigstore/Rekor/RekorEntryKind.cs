namespace Cilock.Sigstore.Rekor;

/// <summary>The Rekor v1 entry type used for DSSE envelopes.</summary>
public enum RekorEntryKind
{
    /// <summary><c>intoto</c> v0.0.2: what sigstore-js and <c>cosign attest</c> upload by default.</summary>
    Intoto,

    /// <summary><c>dsse</c> v0.0.1: the newer type (Rekor computes the hashes; needs a real Rekor).</summary>
    Dsse,
}
