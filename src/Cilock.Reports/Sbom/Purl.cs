namespace Cilock.Reports.Sbom;

/// <summary>Package URLs (purl-spec) for NuGet packages.</summary>
internal static class Purl
{
    /// <summary><c>pkg:nuget/Id@Version</c>; the version is percent-encoded (a <c>+</c> of build metadata becomes <c>%2B</c>).</summary>
    public static string NuGet(string id, string version) => $"pkg:nuget/{Uri.EscapeDataString(id)}@{Uri.EscapeDataString(version)}";
}
