namespace Cilock.Operations.Signatures;

/// <summary>The outcome of <see cref="VerifySignatureOperation"/>.</summary>
/// <param name="Path">The verified file.</param>
/// <param name="Envelopes">One verdict per envelope, in file order.</param>
public sealed record VerifySignatureResult(string Path, IReadOnlyList<EnvelopeVerification> Envelopes)
{
    /// <summary>Whether the file holds at least one envelope and every envelope verified.</summary>
    public bool IsValid => Envelopes.Count > 0 && Envelopes.All(e => e.IsValid);
}
