using Cilock.Operations.Keyless;

namespace Cilock.Operations.Recording;

/// <summary>Keyless signing options of a recorded step.</summary>
public sealed partial record StepRecordingOptions
{
    /// <summary>Signing mode and Sigstore endpoints (<c>CilockSigning</c>, <c>CilockFulcioUrl</c>, …).</summary>
    public KeylessSigningSettings Keyless { get; init; } = new();
}
