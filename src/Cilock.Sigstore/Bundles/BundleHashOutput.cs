namespace Cilock.Sigstore.Bundles;

/// <summary>A digest with its algorithm (<c>HashOutput</c>).</summary>
public sealed class BundleHashOutput
{
    /// <summary>The protobuf <c>HashAlgorithm</c> name, e.g. <c>SHA2_256</c>.</summary>
    public string Algorithm { get; init; } = "";

    /// <summary>The digest bytes.</summary>
    public byte[] Digest { get; init; } = [];
}
