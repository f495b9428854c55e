using NuGet.Packaging;
using NuGet.Versioning;

namespace Cilock.Gate.Tests.Infrastructure;

/// <summary>Builds small real nupkgs with NuGet.Packaging's <see cref="PackageBuilder"/>.</summary>
internal static class TestPackages
{
    internal static string Create(string directory, string id = "Acme.Widget", string version = "1.0.0", string content = "hello", string? fileName = null)
    {
        Directory.CreateDirectory(directory);
        var builder = new PackageBuilder
        {
            Id = id,
            Version = NuGetVersion.Parse(version),
            Description = "gate test package",
        };
        builder.Authors.Add("cilock tests");
        var payload = Path.Combine(directory, $"payload-{Guid.NewGuid():N}.txt");
        File.WriteAllText(payload, content);
        builder.Files.Add(new PhysicalPackageFile { SourcePath = payload, TargetPath = "content/readme.txt" });
        var path = Path.Combine(directory, fileName ?? $"{id}.{version}.nupkg");
        using (var stream = File.Create(path))
        {
            builder.Save(stream);
        }

        File.Delete(payload);
        return path;
    }

    internal static string Sha256(string path) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));
}
