using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.TestUtilities;

namespace Cilock.Reports.Tests;

/// <summary>
/// A hand-built restore graph for two target frameworks with every case the SBOM must get right: a flowing package
/// with a transitive dependency resolved to a higher version, a framework-specific dependency, a development-only
/// package (suppressParent All) with a dependency only it brings, a shared dependency reachable both ways, the
/// implicit NETStandard.Library, and a project reference with its own package. Nuspecs cover license expression,
/// license URL, license file and a missing nuspec.
/// </summary>
internal sealed class SbomFixture : IDisposable
{
    private readonly bool _multiTarget;

    /// <param name="multiTarget"><c>false</c> restores net10.0 only.</param>
    public SbomFixture(bool multiTarget = true)
    {
        _multiTarget = multiTarget;
        Directory = new TempDirectory("cilock-sbom");
        Packages = Directory.Combine("packages");
        ProjectPath = Directory.Combine("src", "App", "App.csproj");
        Nuspec("App.Lib", "1.0.0", """<license type="expression">MIT</license><authors>Contoso</authors><description>App library</description><projectUrl>https://example.com/app</projectUrl>""");
        Nuspec("Shared.Core", "1.2.0", "<licenseUrl>https://example.com/license</licenseUrl><authors>Shared Team</authors>");
        Nuspec("System.Memory", "4.5.5", """<license type="expression">MIT</license><authors>Microsoft</authors>""");
        Nuspec("Dev.Tool", "2.0.0", """<license type="file">LICENSE.txt</license><licenseUrl>https://aka.ms/deprecateLicenseUrl</licenseUrl>""");
        Nuspec("Dev.Helper", "1.0.0", """<license type="expression">Apache-2.0</license>""");
        Nuspec("NETStandard.Library", "2.0.3", """<license type="expression">MIT</license>""");
        Nuspec("Microsoft.NETCore.Platforms", "1.1.0", """<license type="expression">MIT</license>""");
        // Newtonsoft.Json's nuspec is deliberately missing.
        AssetsFile = Directory.WriteFile("src/App/obj/project.assets.json", Assets().ToJsonString());
    }

    public TempDirectory Directory { get; }

    public string Packages { get; }

    public string ProjectPath { get; }

    public string AssetsFile { get; }

    public static readonly string[] PackageKeys =
    [
        "App.Lib/1.0.0", "Shared.Core/1.2.0", "System.Memory/4.5.5", "Dev.Tool/2.0.0", "Dev.Helper/1.0.0",
        "NETStandard.Library/2.0.3", "Microsoft.NETCore.Platforms/1.1.0", "Newtonsoft.Json/13.0.3",
    ];

    public static string Sha512Base64(string key) => Convert.ToBase64String(SHA512.HashData(Encoding.UTF8.GetBytes(key)));

    public void Dispose() => Directory.Dispose();

    private void Nuspec(string id, string version, string metadata) =>
        Directory.WriteFile(
            Path.Combine("packages", id.ToLowerInvariant(), version, id.ToLowerInvariant() + ".nuspec"),
            $"""<?xml version="1.0" encoding="utf-8"?><package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd"><metadata><id>{id}</id><version>{version}</version>{metadata}</metadata></package>""");

    private JsonObject Assets()
    {
        var libraries = new JsonObject();
        string[] netstandardOnly = ["System.Memory/4.5.5", "NETStandard.Library/2.0.3", "Microsoft.NETCore.Platforms/1.1.0"];
        foreach (var key in PackageKeys.Where(k => _multiTarget || !netstandardOnly.Contains(k)))
        {
            libraries[key] = new JsonObject { ["sha512"] = Sha512Base64(key), ["type"] = "package", ["path"] = key.ToLowerInvariant() };
        }

        libraries["My.Core/1.0.0"] = new JsonObject { ["type"] = "project", ["path"] = "../My.Core/My.Core.csproj", ["msbuildProject"] = "../My.Core/My.Core.csproj" };

        JsonObject Target(bool netstandard)
        {
            var target = new JsonObject
            {
                ["App.Lib/1.0.0"] = Entry(netstandard ? new() { ["Shared.Core"] = "1.0.0", ["System.Memory"] = "4.5.5" } : new() { ["Shared.Core"] = "1.0.0" }),
                ["Shared.Core/1.2.0"] = Entry([]),
                ["Dev.Tool/2.0.0"] = Entry(new() { ["Dev.Helper"] = "1.0.0", ["Shared.Core"] = "1.2.0" }),
                ["Dev.Helper/1.0.0"] = Entry([]),
                ["Newtonsoft.Json/13.0.3"] = Entry([]),
                ["My.Core/1.0.0"] = new JsonObject { ["type"] = "project", ["framework"] = ".NETStandard,Version=v2.0", ["dependencies"] = new JsonObject { ["Newtonsoft.Json"] = "13.0.3" } },
            };
            if (netstandard)
            {
                target["System.Memory/4.5.5"] = Entry([]);
                target["NETStandard.Library/2.0.3"] = Entry(new() { ["Microsoft.NETCore.Platforms"] = "1.1.0" });
                target["Microsoft.NETCore.Platforms/1.1.0"] = Entry([]);
            }

            return target;
        }

        JsonObject Dependencies(bool netstandard)
        {
            var dependencies = new JsonObject
            {
                ["App.Lib"] = new JsonObject { ["target"] = "Package", ["version"] = "[1.0.0, )" },
                ["Dev.Tool"] = new JsonObject { ["suppressParent"] = "All", ["target"] = "Package", ["version"] = "[2.0.0, )" },
            };
            if (netstandard)
            {
                dependencies["NETStandard.Library"] = new JsonObject { ["suppressParent"] = "All", ["target"] = "Package", ["version"] = "[2.0.3, )", ["autoReferenced"] = true };
            }

            return dependencies;
        }

        var core = Directory.Combine("src", "My.Core", "My.Core.csproj");
        JsonObject RestoreFramework(string tfm) => new()
        {
            ["framework"] = tfm,
            ["targetAlias"] = tfm,
            ["projectReferences"] = new JsonObject { [core] = new JsonObject { ["projectPath"] = core } },
        };

        return new JsonObject
        {
            ["version"] = 3,
            ["targets"] = _multiTarget ? new JsonObject { ["net10.0"] = Target(false), ["netstandard2.0"] = Target(true) } : new JsonObject { ["net10.0"] = Target(false) },
            ["libraries"] = libraries,
            ["packageFolders"] = new JsonObject { [Packages + "/"] = new JsonObject() },
            ["project"] = new JsonObject
            {
                ["restore"] = new JsonObject
                {
                    ["projectPath"] = ProjectPath,
                    ["frameworks"] = _multiTarget
                        ? new JsonObject { ["net10.0"] = RestoreFramework("net10.0"), ["netstandard2.0"] = RestoreFramework("netstandard2.0") }
                        : new JsonObject { ["net10.0"] = RestoreFramework("net10.0") },
                },
                ["frameworks"] = _multiTarget
                    ? new JsonObject
                    {
                        ["net10.0"] = new JsonObject { ["framework"] = "net10.0", ["dependencies"] = Dependencies(false) },
                        ["netstandard2.0"] = new JsonObject { ["framework"] = "netstandard2.0", ["dependencies"] = Dependencies(true) },
                    }
                    : new JsonObject { ["net10.0"] = new JsonObject { ["framework"] = "net10.0", ["dependencies"] = Dependencies(false) } },
            },
        };
    }

    private static JsonObject Entry(Dictionary<string, string> dependencies)
    {
        var entry = new JsonObject { ["type"] = "package" };
        if (dependencies.Count > 0)
        {
            var deps = new JsonObject();
            foreach (var (id, range) in dependencies)
            {
                deps[id] = range;
            }

            entry["dependencies"] = deps;
        }

        return entry;
    }
}
