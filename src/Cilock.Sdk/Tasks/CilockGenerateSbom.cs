using System.Globalization;
using Cilock.Attestation.Diagnostics;
using Cilock.Reports.Sbom;
using Microsoft.Build.Framework;

namespace Cilock.Sdk.Tasks;

/// <summary>
/// Generates the project's SBOM (CycloneDX 1.6 and/or SPDX 2.3) from <c>project.assets.json</c> into the evidence
/// folder, before the package is generated (to embed it) or right after (to record the .nupkg's SHA-256).
/// </summary>
public sealed class CilockGenerateSbom : CilockTask
{
    /// <summary>NuGet's project.assets.json.</summary>
    [Required]
    public string ProjectAssetsFile { get; set; } = "";

    /// <summary>Where the SBOM files are written (<c>$(CilockEvidenceDir)</c>).</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>The package id (the SBOM's root component).</summary>
    [Required]
    public string PackageId { get; set; } = "";

    /// <summary>The package version.</summary>
    [Required]
    public string PackageVersion { get; set; } = "";

    /// <summary>The package description.</summary>
    public string? Description { get; set; }

    /// <summary>The package authors.</summary>
    public string? Authors { get; set; }

    /// <summary>The package's SPDX license expression.</summary>
    public string? LicenseExpression { get; set; }

    /// <summary><c>cyclonedx</c> (default), <c>spdx</c> or <c>both</c>.</summary>
    public string? Format { get; set; }

    /// <summary>The build output going into the package (<c>_BuildOutputInPackage</c>), hashed under the root component.</summary>
    public ITaskItem[] ProductFiles { get; set; } = [];

    /// <summary>The package folder of the build output (<c>$(BuildOutputTargetFolder)</c>, <c>lib</c> by default).</summary>
    public string? BuildOutputTargetFolder { get; set; }

    /// <summary>The .nupkg, when generating after pack.</summary>
    public string? PackageFile { get; set; }

    /// <summary><c>$(DeterministicTimestamp)</c>: Unix seconds (the git commit time) or an ISO 8601 date.</summary>
    public string? DeterministicTimestamp { get; set; }

    /// <summary>The SBOM files written.</summary>
    [Output]
    public ITaskItem[] SbomFiles { get; set; } = [];

    /// <inheritdoc />
    protected override void Run()
    {
        var request = new SbomRequest
        {
            AssetsFile = ProjectAssetsFile,
            Name = PackageId,
            Version = PackageVersion,
            Description = Blank(Description),
            Authors = Blank(Authors),
            LicenseExpression = Blank(LicenseExpression),
            Files = [.. ProductFiles.Select(ProductFile)],
            PackageFile = Blank(PackageFile),
            Timestamp = ParseTimestamp(DeterministicTimestamp),
            ToolVersion = ToolVersion(),
            Formats = SbomFormatParser.Parse(Format),
        };

        var result = SbomGenerator.Generate(request);
        Report(result.Diagnostics);
        var paths = SbomGenerator.Write(result, OutputDirectory, $"{PackageId}.{PackageVersion}");
        SbomFiles = [.. paths.Select(p => new Microsoft.Build.Utilities.TaskItem(p))];
        foreach (var path in paths)
        {
            Log.LogMessage(MessageImportance.Normal, $"Cilock: SBOM written to {path}");
        }
    }

    // Names inside the package (lib/net10.0/App.dll), never machine paths.
    private SbomProductFile ProductFile(ITaskItem item)
    {
        var path = item.GetMetadata("FullPath");
        var framework = item.GetMetadata("TargetFramework");
        if (string.IsNullOrEmpty(framework))
        {
            framework = Path.GetFileName(Path.GetDirectoryName(path)) ?? "";
        }

        var relative = item.GetMetadata("TargetPath");
        if (string.IsNullOrEmpty(relative))
        {
            relative = Path.GetFileName(path);
        }

        var folder = string.IsNullOrWhiteSpace(BuildOutputTargetFolder) ? "lib" : BuildOutputTargetFolder.Trim('/', '\\');
        return new SbomProductFile($"{folder}/{framework}/{relative.Replace('\\', '/')}", path);
    }

    private DateTimeOffset? ParseTimestamp(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
        {
            return date;
        }

        Report(Diagnostic.Warning(SbomDiagnostics.InvalidProperty, $"DeterministicTimestamp '{value}' is neither Unix seconds nor an ISO 8601 date; the SBOM has no timestamp"));
        return null;
    }

    // The Cilock.Sdk package version the user referenced (from the package's nuspec next to tasks/), not the
    // assembly version, which -p:PackageVersion=... leaves unchanged.
    private static string ToolVersion() => SbomToolVersion.Of(typeof(CilockGenerateSbom).Assembly, "Cilock.Sdk");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
