namespace Cilock.Operations.Inspection;

/// <summary>What kind of file <see cref="InspectOperation"/> found.</summary>
public enum EvidenceFileKind
{
    /// <summary>One DSSE envelope (JSON object with <c>payload</c>, <c>payloadType</c>, <c>signatures</c>).</summary>
    Envelope,

    /// <summary>A <c>.intoto.jsonl</c> file: one envelope per non-empty line.</summary>
    JsonLines,

    /// <summary>A bare in-toto statement (unsigned).</summary>
    Statement,
}
