namespace Cilock.Sigstore.TrustedRoots;

/// <summary>The subject of a trusted-root authority (<c>DistinguishedName</c>).</summary>
public sealed class DistinguishedName
{
    /// <summary>The organization (O).</summary>
    public string? Organization { get; init; }

    /// <summary>The common name (CN).</summary>
    public string? CommonName { get; init; }
}
