using System.Text;
using Cilock.Reports.Sbom;

namespace Cilock.Reports.Spdx;

/// <summary>
/// Turns an <see cref="SbomInventory"/> into SPDX 2.3 JSON bytes. The graph: the document DESCRIBES the product;
/// the product DEPENDS_ON its flowing direct dependencies; development-only direct dependencies are
/// DEV_DEPENDENCY_OF the product; packages DEPENDS_ON what they depend on; the product CONTAINS its files. A
/// multi-targeted product DEPENDS_ON one package per target framework, which takes the product's place for that
/// framework's direct dependencies and files; per-framework variants of a library are packages of their own.
/// </summary>
internal static class SpdxBuilder
{
    private const string RootId = "SPDXRef-Package-Product";

    public static byte[] Build(SbomInventory inventory)
    {
        var request = inventory.Request;
        var ids = new Dictionary<string, string>(StringComparer.Ordinal) { [inventory.RootPurl] = RootId };
        var used = new HashSet<string>(StringComparer.Ordinal) { RootId };
        foreach (var framework in inventory.Frameworks)
        {
            ids[framework.Ref] = UniqueId($"{RootId}-{framework.Name}", used);
        }

        foreach (var component in inventory.Components)
        {
            ids[component.Ref] = UniqueId($"SPDXRef-Package-{component.Library.Id}-{component.Library.Version}{(component.Variant is { } v ? "-" + v : "")}", used);
        }

        var packages = new List<SpdxPackage>
        {
            new()
            {
                Name = request.Name,
                SpdxId = RootId,
                VersionInfo = request.Version,
                Checksums = inventory.PackageSha256 is null ? null : [new SpdxChecksum("SHA256", inventory.PackageSha256)],
                LicenseDeclared = request.LicenseExpression ?? "NOASSERTION",
                Description = request.Description,
                Supplier = Supplier(request.Authors),
                ExternalRefs = [Purl(inventory.RootPurl)],
                PrimaryPackagePurpose = "LIBRARY",
            },
        };
        packages.AddRange(inventory.Frameworks.Select(f => new SpdxPackage
        {
            Name = request.Name,
            SpdxId = ids[f.Ref],
            VersionInfo = request.Version,
            Checksums = f.AssemblySha256 is null ? null : [new SpdxChecksum("SHA256", f.AssemblySha256)],
            Description = $"{request.Name} built for {f.Name}",
            PrimaryPackagePurpose = "LIBRARY",
        }));
        packages.AddRange(inventory.Components.Select(c => new SpdxPackage
        {
            Name = c.Library.Id,
            SpdxId = ids[c.Ref],
            VersionInfo = c.Library.Version,
            Supplier = Supplier(c.Nuspec.Authors),
            Checksums = c.Sha512Hex is { } sha512 ? [new SpdxChecksum("SHA512", sha512)] : null,
            Homepage = c.Nuspec.ProjectUrl,
            LicenseDeclared = c.Nuspec.LicenseExpression ?? "NOASSERTION",
            LicenseComments = c.Nuspec.LicenseExpression is null
                ? c.Nuspec.LicenseUrl is { } url ? $"declared by URL: {url}" : c.Nuspec.LicenseFile is { } file ? $"license file '{file}' in the package" : null
                : null,
            Description = c.Nuspec.Description,
            ExternalRefs = [Purl(c.Purl)],
            PrimaryPackagePurpose = "LIBRARY",
        }));

        // (owner, file): the product's own files first, then each framework's.
        var owned = inventory.Files.Select(f => (Owner: RootId, File: f))
            .Concat(inventory.Frameworks.SelectMany(fw => fw.Files.Select(f => (Owner: ids[fw.Ref], File: f))))
            .ToList();
        var files = owned.Select((o, i) => new SpdxFile
        {
            FileName = "./" + o.File.Name,
            SpdxId = $"SPDXRef-File-{i + 1}",
            Checksums = [new SpdxChecksum("SHA1", o.File.Sha1), new SpdxChecksum("SHA256", o.File.Sha256)],
        }).ToList();

        var relationships = new List<SpdxRelationship> { new("SPDXRef-DOCUMENT", "DESCRIBES", RootId) };
        if (inventory.Frameworks.Count == 0)
        {
            var required = inventory.Components.ToDictionary(c => c.Ref, c => c.Required, StringComparer.Ordinal);
            relationships.AddRange(inventory.RootDependsOn.Select(d => Direct(RootId, ids[d], required[d])));
        }

        foreach (var framework in inventory.Frameworks)
        {
            relationships.Add(new SpdxRelationship(RootId, "DEPENDS_ON", ids[framework.Ref]));
            relationships.AddRange(framework.Direct.Select(d => Direct(ids[framework.Ref], ids[d.Key], d.Value)));
        }

        foreach (var component in inventory.Components)
        {
            relationships.AddRange(component.DependsOn.Select(d => new SpdxRelationship(ids[component.Ref], "DEPENDS_ON", ids[d])));
        }

        relationships.AddRange(owned.Select((o, i) => new SpdxRelationship(o.Owner, "CONTAINS", files[i].SpdxId)));

        var document = new SpdxDocument
        {
            Name = $"{request.Name}-{request.Version}",
            // 'created' is required: without a deterministic build time the document records the generation time.
            CreationInfo = new SpdxCreationInfo(SbomJson.Timestamp(request.Timestamp ?? DateTimeOffset.UtcNow), [$"Tool: {request.ToolName}-{request.ToolVersion}"]),
            Packages = packages,
            Files = files.Count == 0 ? null : files,
            Relationships = relationships,
        };

        var withoutNamespace = SbomJson.Serialize(document);
        document.DocumentNamespace = $"https://spdx.org/spdxdocs/{Uri.EscapeDataString(document.Name)}-{DeterministicUuid.ForContent(withoutNamespace)}";
        return SbomJson.Serialize(document);
    }

    // Flowing direct dependencies are DEPENDS_ON; development-only ones DEV_DEPENDENCY_OF the dependent.
    private static SpdxRelationship Direct(string dependent, string dependency, bool required) =>
        required ? new SpdxRelationship(dependent, "DEPENDS_ON", dependency) : new SpdxRelationship(dependency, "DEV_DEPENDENCY_OF", dependent);

    private static SpdxExternalRef Purl(string purl) => new("PACKAGE-MANAGER", "purl", purl);

    // NuGet authors are free text; SPDX wants "Organization: name" (or "Person:"), and we cannot tell which.
    private static string? Supplier(string? authors) => string.IsNullOrWhiteSpace(authors) ? null : $"Organization: {authors.Trim()}";

    // SPDX ids allow letters, digits, '.' and '-' only.
    private static string UniqueId(string candidate, HashSet<string> used)
    {
        var builder = new StringBuilder(candidate.Length);
        foreach (var ch in candidate)
        {
            builder.Append(char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' ? ch : '-');
        }

        var id = builder.ToString();
        for (var n = 2; !used.Add(id); n++)
        {
            id = $"{builder}-{n}";
        }

        return id;
    }
}
