namespace Cilock.Reports.Sbom;

/// <summary>One library of the restore graph as the SBOM sees it.</summary>
/// <param name="Id">Package or project id.</param>
/// <param name="Version">Resolved version.</param>
/// <param name="IsProject"><c>true</c> for a project reference.</param>
/// <param name="Sha512">Base64 SHA-512 NuGet recorded (packages only).</param>
/// <param name="Path">Folder under a package folder (packages) or the project file (projects).</param>
internal sealed record AssetsLibrary(string Id, string Version, bool IsProject, string? Sha512, string? Path)
{
    /// <summary><c>id/version</c> with the id lowercased: the key that is unique in a restore graph.</summary>
    public string Key => KeyOf(Id, Version);

    public static string KeyOf(string id, string version) => $"{id.ToLowerInvariant()}/{version}";
}
