using System.Reflection;
using System.Xml;
using System.Xml.Linq;

namespace Cilock.Reports.Sbom;

/// <summary>
/// The version to name in an SBOM's <c>metadata.tools</c>: the version of the NuGet package the generating assembly
/// was loaded from, i.e. what the user referenced. The assembly's own informational version is not enough: a package
/// packed with <c>-p:PackageVersion=…</c> (CI pre-releases) keeps the assembly at the project's <c>Version</c>.
/// </summary>
public static class SbomToolVersion
{
    // tasks/net10.0/X.dll sits two folders below the extracted package root, which holds <id>.nuspec.
    private const int MaxLevels = 3;

    /// <summary>
    /// The <c>&lt;version&gt;</c> of the <paramref name="packageId"/> nuspec in a folder at most three levels above
    /// <paramref name="assembly"/>; else its informational version without <c>+&lt;commit&gt;</c> metadata.
    /// </summary>
    public static string Of(Assembly assembly, string packageId)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrEmpty(packageId);
        return FromPackage(assembly.Location, packageId) ?? FromAssembly(assembly);
    }

    internal static string? FromPackage(string assemblyPath, string packageId)
    {
        if (string.IsNullOrEmpty(assemblyPath))
        {
            return null;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(assemblyPath));
        for (var level = 0; level < MaxLevels && directory is not null; level++, directory = Path.GetDirectoryName(directory))
        {
            var nuspec = Path.Combine(directory, packageId.ToLowerInvariant() + ".nuspec");
            if (File.Exists(nuspec))
            {
                return ReadVersion(nuspec, packageId);
            }
        }

        return null;
    }

    private static string? ReadVersion(string nuspec, string packageId)
    {
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(nuspec, settings);
            var metadata = XDocument.Load(reader).Root?.Elements().FirstOrDefault(e => e.Name.LocalName == "metadata");
            string? Value(string name) => metadata?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value.Trim();
            // Another package's nuspec (or a broken one) says nothing about ours.
            return string.Equals(Value("id"), packageId, StringComparison.OrdinalIgnoreCase) && Value("version") is { Length: > 0 } version ? version : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or XmlException)
        {
            return null;
        }
    }

    private static string FromAssembly(Assembly assembly)
    {
        var version = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString() ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus > 0 ? version[..plus] : version;
    }
}
