using Cilock.Operations.Keyless;

namespace Cilock.Operations.Run;

/// <summary>Keyless signing options of <c>cilock run</c>.</summary>
public sealed partial record RunOptions
{
    /// <summary>Signing mode and Sigstore endpoints (<c>--keyless</c>, <c>--fulcio-url</c>, …).</summary>
    public KeylessSigningSettings Keyless { get; init; } = new();
}
