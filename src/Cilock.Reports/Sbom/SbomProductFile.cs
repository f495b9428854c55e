namespace Cilock.Reports.Sbom;

/// <summary>A file of the product (e.g. <c>lib/net10.0/App.dll</c>) listed under the SBOM's root component.</summary>
/// <param name="Name">Its name in the product, forward slashes, never a machine path (e.g. the package path).</param>
/// <param name="Path">Where it is on disk, to hash it.</param>
public sealed record SbomProductFile(string Name, string Path);
