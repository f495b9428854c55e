namespace Cilock.Sigstore.Bundles;

/// <summary>The Sigstore bundle media types (protobuf-specs <c>Bundle.media_type</c>) and their versions.</summary>
public static class BundleMediaTypes
{
    /// <summary>Bundle v0.1: certificate chain, SET required.</summary>
    public const string V01 = "application/vnd.dev.sigstore.bundle+json;version=0.1";

    /// <summary>Bundle v0.2: certificate chain, inclusion proof with checkpoint required.</summary>
    public const string V02 = "application/vnd.dev.sigstore.bundle+json;version=0.2";

    /// <summary>Bundle v0.3 in the legacy parameter spelling.</summary>
    public const string V03Legacy = "application/vnd.dev.sigstore.bundle+json;version=0.3";

    /// <summary>Bundle v0.3: single leaf certificate; what cilock writes.</summary>
    public const string V03 = "application/vnd.dev.sigstore.bundle.v0.3+json";

    /// <summary>Returns the minor version (1, 2 or 3) of a known media type; <c>false</c> for anything else.</summary>
    public static bool TryGetMinorVersion(string? mediaType, out int minor)
    {
        minor = mediaType switch
        {
            V01 => 1,
            V02 => 2,
            V03 or V03Legacy => 3,
            _ => 0,
        };
        return minor != 0;
    }
}
