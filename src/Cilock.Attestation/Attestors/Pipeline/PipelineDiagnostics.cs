namespace Cilock.Attestation.Attestors.Pipeline;

/// <summary>Diagnostic codes of the pipeline-definition attestor (documented in <c>docs/diagnostics.md</c>).</summary>
public static class PipelineDiagnostics
{
    /// <summary>A pipeline definition is not valid YAML; it is recorded as malformed and its references are unknown.</summary>
    public const string MalformedDefinition = "CIL1047";

    /// <summary>A pipeline definition could not be read (I/O error or larger than the size limit).</summary>
    public const string UnreadableDefinition = "CIL1048";
}
