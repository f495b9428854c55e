using System.Xml;
using System.Xml.Linq;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Reports.Sbom;

/// <summary>Reads license, authors and description from the .nuspec NuGet extracted into a package folder.</summary>
internal static class NuspecReader
{
    // NuGet caps nuspec size far below this; a larger file is not a nuspec.
    private const long MaxBytes = 4L * 1024 * 1024;

    /// <summary>
    /// Finds <c>&lt;folder&gt;/&lt;path&gt;/&lt;id&gt;.nuspec</c> in the first package folder that has it. Returns
    /// <see cref="NuspecMetadata.Empty"/> and a warning when no folder has it or it cannot be parsed.
    /// </summary>
    public static NuspecMetadata Find(AssetsLibrary package, IReadOnlyList<string> packageFolders, ICollection<Diagnostic> diagnostics)
    {
        if (package.Path is null)
        {
            return NuspecMetadata.Empty;
        }

        var fileName = package.Id.ToLowerInvariant() + ".nuspec";
        foreach (var folder in packageFolders)
        {
            var candidate = Path.Combine(folder, package.Path, fileName);
            if (File.Exists(candidate))
            {
                try
                {
                    return Read(candidate);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
                {
                    // Only the package name goes into the message: the folder is a machine path.
                    diagnostics.Add(Diagnostic.Warning(SbomDiagnostics.NuspecUnreadable, $"the nuspec of {package.Id} {package.Version} cannot be read ({e.GetType().Name}); its license, authors and description are not in the SBOM"));
                    return NuspecMetadata.Empty;
                }
            }
        }

        diagnostics.Add(Diagnostic.Warning(SbomDiagnostics.NuspecUnreadable, $"the nuspec of {package.Id} {package.Version} is in no package folder; its license, authors and description are not in the SBOM"));
        return NuspecMetadata.Empty;
    }

    /// <summary>Parses one nuspec file.</summary>
    public static NuspecMetadata Read(string path)
    {
        if (new FileInfo(path).Length > MaxBytes)
        {
            throw new IOException("the file is too large for a nuspec");
        }

        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var reader = XmlReader.Create(path, settings);
        var document = XDocument.Load(reader);
        var metadata = document.Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata")
            ?? throw new XmlException("no <metadata> element");

        string? Value(string name) => metadata.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim() is { Length: > 0 } v ? v : null;

        var license = metadata.Elements().FirstOrDefault(e => e.Name.LocalName == "license");
        var licenseType = license?.Attribute("type")?.Value;
        var expression = licenseType == "expression" && license!.Value.Trim().Length > 0 ? license.Value.Trim() : null;
        var file = licenseType == "file" && license!.Value.Trim().Length > 0 ? license.Value.Trim() : null;
        var url = Value("licenseUrl");
        // NuGet writes this placeholder URL for packages that declare an expression or a file.
        if (url is not null && (expression is not null || file is not null || !IsHttpUrl(url)))
        {
            url = null;
        }

        var projectUrl = Value("projectUrl");
        return new NuspecMetadata(expression, url, file, Value("authors"), Value("description"), projectUrl is not null && IsHttpUrl(projectUrl) ? projectUrl : null);
    }

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
