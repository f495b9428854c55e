using Cilock.Reports.Sbom;

namespace Cilock.Reports.CycloneDx;

/// <summary>Turns an <see cref="SbomInventory"/> into CycloneDX 1.6 JSON bytes.</summary>
internal static class CycloneDxBuilder
{
    public const string TargetFrameworkProperty = "cilock:targetFramework";

    public static byte[] Build(SbomInventory inventory)
    {
        var request = inventory.Request;
        var root = new CdxComponent
        {
            Type = "library",
            BomRef = inventory.RootPurl,
            Authors = Contacts(request.Authors),
            Name = request.Name,
            Version = request.Version,
            Description = request.Description,
            Hashes = inventory.PackageSha256 is null ? null : [new CdxHash("SHA-256", inventory.PackageSha256)],
            Licenses = Licenses(request.LicenseExpression, null, null),
            Purl = inventory.RootPurl,
            Components = Nested(inventory),
        };

        var components = inventory.Components.Select(c => new CdxComponent
        {
            Type = "library",
            BomRef = c.Ref,
            Authors = Contacts(c.Nuspec.Authors),
            Name = c.Library.Id,
            Version = c.Library.Version,
            Description = c.Nuspec.Description,
            Scope = c.Required ? "required" : "excluded",
            Hashes = c.Sha512Hex is { } sha512 ? [new CdxHash("SHA-512", sha512)] : null,
            Licenses = Licenses(c.Nuspec.LicenseExpression, c.Nuspec.LicenseUrl, c.Nuspec.LicenseFile),
            Purl = c.Purl,
            ExternalReferences = c.Nuspec.ProjectUrl is { } url ? [new CdxExternalReference("website", url)] : null,
            Properties = c.Frameworks.Count == 0 ? null : [.. c.Frameworks.Select(f => new CdxProperty(TargetFrameworkProperty, f))],
        }).ToList();

        // Every component gets a node, also leaves, so "no dependencies" is stated rather than unknown.
        var dependencies = new List<CdxDependency> { new(inventory.RootPurl, inventory.RootDependsOn) };
        dependencies.AddRange(inventory.Frameworks.Select(f => new CdxDependency(f.Ref, [.. f.Direct.Keys])));
        dependencies.AddRange(inventory.Components.Select(c => new CdxDependency(c.Ref, c.DependsOn)));

        var bom = new CdxBom
        {
            Metadata = new CdxMetadata
            {
                Timestamp = request.Timestamp is { } t ? SbomJson.Timestamp(t) : null,
                Tools = new CdxTools { Components = [new CdxComponent { Type = "application", Name = request.ToolName, Version = request.ToolVersion }] },
                Component = root,
            },
            Components = components,
            Dependencies = dependencies,
        };

        // The serial number names this exact content: hash the document without it, then write it in.
        var withoutSerial = SbomJson.Serialize(bom);
        bom.SerialNumber = "urn:uuid:" + DeterministicUuid.ForContent(withoutSerial);
        return SbomJson.Serialize(bom);
    }

    // Multi-targeted: one component per framework (its assembly's hash, its files); else the files directly.
    private static IReadOnlyList<CdxComponent>? Nested(SbomInventory inventory)
    {
        var nested = inventory.Frameworks.Select(f => new CdxComponent
        {
            Type = "library",
            BomRef = f.Ref,
            Name = inventory.Request.Name,
            Version = inventory.Request.Version,
            Hashes = f.AssemblySha256 is null ? null : [new CdxHash("SHA-256", f.AssemblySha256)],
            Properties = [new CdxProperty(TargetFrameworkProperty, f.Name)],
            Components = f.Files.Count == 0 ? null : Files(f.Files),
        }).Concat(Files(inventory.Files)).ToList();
        return nested.Count == 0 ? null : nested;
    }

    private static List<CdxComponent> Files(IEnumerable<SbomHashedFile> files) =>
        [.. files.Select(f => new CdxComponent
        {
            Type = "file",
            BomRef = "file:" + f.Name,
            Name = f.Name,
            Hashes = [new CdxHash("SHA-256", f.Sha256)],
        })];

    private static IReadOnlyList<CdxContact>? Contacts(string? authors) =>
        string.IsNullOrWhiteSpace(authors) ? null : [new CdxContact(authors.Trim())];

    private static IReadOnlyList<CdxLicenseChoice>? Licenses(string? expression, string? url, string? file)
    {
        if (expression is not null)
        {
            return [new CdxLicenseChoice { Expression = expression }];
        }

        if (url is not null)
        {
            return [new CdxLicenseChoice { License = new CdxLicense { Name = "declared by URL", Url = url } }];
        }

        return file is not null ? [new CdxLicenseChoice { License = new CdxLicense { Name = $"license file '{file}' in the package" } }] : null;
    }
}
