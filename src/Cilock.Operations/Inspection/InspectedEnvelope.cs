namespace Cilock.Operations.Inspection;

/// <summary>One envelope (or bare statement) of an inspected file.</summary>
/// <param name="Line">1-based line in a <c>.intoto.jsonl</c> file; 1 otherwise.</param>
/// <param name="PayloadType">The envelope's payload type; <c>null</c> for a bare statement.</param>
/// <param name="PayloadLength">The payload size in bytes.</param>
/// <param name="Signatures">The signatures (empty for a bare statement).</param>
/// <param name="Statement">The decoded statement, or <c>null</c> when the payload is not one.</param>
/// <param name="PayloadError">Why the payload could not be read as a statement, or <c>null</c>.</param>
public sealed record InspectedEnvelope(
    int Line,
    string? PayloadType,
    int PayloadLength,
    IReadOnlyList<SignatureSummary> Signatures,
    StatementSummary? Statement,
    string? PayloadError);
