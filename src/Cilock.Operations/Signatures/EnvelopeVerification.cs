namespace Cilock.Operations.Signatures;

/// <summary>The verdict for one envelope of a file.</summary>
/// <param name="Line">1-based line in a <c>.intoto.jsonl</c> file; 1 otherwise.</param>
/// <param name="PayloadType">The envelope's payload type.</param>
/// <param name="PassedKeyIds">The distinct keyids whose signatures verified.</param>
/// <param name="Error">Why the envelope is rejected, or <c>null</c> when it verifies.</param>
public sealed record EnvelopeVerification(int Line, string? PayloadType, IReadOnlyList<string> PassedKeyIds, string? Error)
{
    /// <summary>Whether the envelope verified.</summary>
    public bool IsValid => Error is null;
}
