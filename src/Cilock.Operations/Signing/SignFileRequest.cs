using Cilock.Operations.Keyless;
using Cilock.Policy.Loading;

namespace Cilock.Operations.Signing;

/// <summary>Inputs of <see cref="SignFileOperation"/> (<c>cilock sign</c>).</summary>
public sealed record SignFileRequest
{
    /// <summary>The file whose exact bytes become the DSSE payload.</summary>
    public required string InputPath { get; init; }

    /// <summary>Where the envelope goes (written atomically); a keyless bundle goes beside it.</summary>
    public required string OutputPath { get; init; }

    /// <summary>The DSSE payload type; the default is Witness's (<c>witness sign</c> signs policies by default).</summary>
    public string PayloadType { get; init; } = PolicyLoader.WitnessPolicyPayloadType;

    /// <summary>A private key (PEM); exactly one of this and <see cref="Keyless"/>.</summary>
    public string? KeyPath { get; init; }

    /// <summary>The environment variable holding the key's password.</summary>
    public string? KeyPasswordEnvironmentVariable { get; init; }

    /// <summary>Keyless settings (mode must be <see cref="SigningMode.Keyless"/>); exactly one of this and <see cref="KeyPath"/>.</summary>
    public KeylessSigningSettings? Keyless { get; init; }
}
