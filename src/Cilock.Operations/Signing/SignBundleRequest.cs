namespace Cilock.Operations.Signing;

/// <summary>Inputs of <see cref="SignBundleOperation"/> (<c>cilock sign-bundle</c>).</summary>
public sealed record SignBundleRequest
{
    /// <summary>The file to sign.</summary>
    public required string ArtifactPath { get; init; }

    /// <summary>Where the Sigstore bundle v0.3 goes (written atomically).</summary>
    public required string BundlePath { get; init; }

    /// <summary>The OIDC identity token (never logged).</summary>
    public required string IdentityToken { get; init; }

    /// <summary>A Sigstore signing config naming Fulcio, Rekor and TSAs; <c>null</c> = the public-good instance.</summary>
    public string? SigningConfigPath { get; init; }

    /// <summary>The conformance suite's <c>--in-toto</c>: the file is an in-toto statement, signed as a DSSE envelope (Rekor <c>intoto</c> entry).</summary>
    public bool InToto { get; init; }

    /// <summary>The conformance suite's <c>--staging</c>: allowed only with <see cref="SigningConfigPath"/> (no staging URLs are built in).</summary>
    public bool Staging { get; init; }
}
