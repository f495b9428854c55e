using Cilock.Attestation.Attestors.DotNet;
using Cilock.Attestation.Diagnostics;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Attestors.DotNet;

[TestClass]
public sealed class ProjectAssetsReaderTests
{
    internal const string ValidAssets = """
        {
          "version": 3,
          "targets": {
            "net10.0": {
              "Zeta.Lib/2.0.0": { "type": "package", "dependencies": { "Alpha.Core": "[1.0.0, )" } },
              "Alpha.Core/1.0.0": { "type": "package" },
              "Other/1.0.0": { "type": "project" }
            }
          },
          "libraries": {
            "Zeta.Lib/2.0.0": { "sha512": "WmV0YQ==", "type": "package", "path": "zeta.lib/2.0.0" },
            "Alpha.Core/1.0.0": { "sha512": "QWxwaGE=", "type": "package", "path": "alpha.core/1.0.0" },
            "Other/1.0.0": { "type": "project", "path": "../Other/Other.csproj" }
          },
          "packageFolders": { "/packages/": {} },
          "project": { "restore": { "projectPath": "/src/App/App.csproj" } }
        }
        """;

    [TestMethod]
    public void Read_ValidFile_ReturnsSortedLibrariesWithShaAndDependencies()
    {
        using var dir = new TempDirectory();
        var assets = ProjectAssetsReader.Read(dir.WriteFile("project.assets.json", ValidAssets));

        CollectionAssert.AreEqual(new[] { "Alpha.Core", "Other", "Zeta.Lib" }, assets.Libraries.Select(l => l.Id).ToArray());
        var zeta = assets.Libraries[2];
        Assert.AreEqual("2.0.0", zeta.Version);
        Assert.AreEqual("WmV0YQ==", zeta.Sha512);
        Assert.AreEqual("[1.0.0, )", zeta.Dependencies["Alpha.Core"]);
        CollectionAssert.AreEqual(new[] { "net10.0" }, zeta.TargetFrameworks.ToArray());
        Assert.AreEqual("project", assets.Libraries[1].Type);
        Assert.IsNull(assets.Libraries[1].Sha512);
        CollectionAssert.AreEqual(new[] { "/packages/" }, assets.PackageFolders.ToArray());
        Assert.AreEqual("/src/App/App.csproj", assets.ProjectPath);
        Assert.AreEqual(64, assets.Sha256.Length);
    }

    [TestMethod]
    public void Read_MultiTarget_ExposesEachTargetAndTheProjectsDirectReferencesPerFramework()
    {
        using var dir = new TempDirectory();
        var assets = ProjectAssetsReader.Read(dir.WriteFile("project.assets.json", """
            {
              "version": 3,
              "targets": {
                "net10.0": { "A/1.0.0": { "type": "package", "dependencies": { "B": "[1.0.0, )" } }, "B/1.1.0": { "type": "package" } },
                "netstandard2.0": { "A/1.0.0": { "type": "package" } },
                "net10.0/linux-x64": { "A/1.0.0": { "type": "package" } }
              },
              "libraries": {
                "A/1.0.0": { "sha512": "QQ==", "type": "package", "path": "a/1.0.0" },
                "B/1.1.0": { "sha512": "Qg==", "type": "package", "path": "b/1.1.0" }
              },
              "project": {
                "restore": { "projectPath": "/src/App/App.csproj", "frameworks": {
                  "net10.0": { "targetAlias": "net10.0", "projectReferences": { "/src/Core/Core.csproj": { "projectPath": "/src/Core/Core.csproj", "privateAssets": "all" } } },
                  "ns": { "framework": "netstandard2.0", "projectReferences": {} } } },
                "frameworks": {
                  "net10.0": { "dependencies": { "A": { "target": "Package", "version": "[1.0.0, )", "suppressParent": "All" } } },
                  "ns": { "framework": "netstandard2.0", "dependencies": { "A": "[1.0.0, )" } }
                }
              }
            }
            """));

        CollectionAssert.AreEqual(new[] { "net10.0", "netstandard2.0", "net10.0/linux-x64" }, assets.Targets.Select(t => t.Name).ToArray());
        var net = assets.Targets[0].Libraries;
        CollectionAssert.AreEqual(new[] { "A/1.0.0", "B/1.1.0" }, net.Select(l => $"{l.Id}/{l.Version}").ToArray());
        CollectionAssert.AreEqual(new[] { "B" }, net[0].DependencyIds.ToArray());
        Assert.IsEmpty(net[1].DependencyIds);

        CollectionAssert.AreEqual(new[] { "net10.0", "ns" }, assets.Frameworks.Select(f => f.Alias).ToArray());
        var net10 = assets.Frameworks[0];
        Assert.AreEqual(new RestoreDependency("A", "Package", "All"), net10.Dependencies.Single());
        Assert.AreEqual(new RestoreProjectReference("/src/Core/Core.csproj", "all"), net10.ProjectReferences.Single());
        var standard = assets.Frameworks[1];
        Assert.IsTrue(standard.Describes("netstandard2.0"), "matched by its framework member, not its alias");
        Assert.IsFalse(net10.Describes("netstandard2.0"));
        Assert.AreEqual(new RestoreDependency("A", null, null), standard.Dependencies.Single());
        Assert.IsEmpty(standard.ProjectReferences);
    }

    [TestMethod]
    public void ExistingPackageFiles_PackageInFolder_ReturnsLowercaseNupkgPath()
    {
        using var dir = new TempDirectory();
        var folder = dir.Combine("packages");
        var nupkg = dir.WriteFile("packages/zeta.lib/2.0.0/zeta.lib.2.0.0.nupkg", "zip");
        var json = ValidAssets.Replace("\"/packages/\"", "\"" + folder.Replace("\\", "\\\\") + "\"", StringComparison.Ordinal);
        var assets = ProjectAssetsReader.Read(dir.WriteFile("project.assets.json", json));

        CollectionAssert.AreEqual(new[] { Path.GetFullPath(nupkg) }, assets.ExistingPackageFiles().ToArray(), "only packages present on disk; projects never");
    }

    [TestMethod]
    [DataRow("not json at all", DisplayName = "not JSON")]
    [DataRow("[1,2]", DisplayName = "not an object")]
    [DataRow("""{"version":2,"targets":{},"libraries":{}}""", DisplayName = "old version")]
    [DataRow("""{"version":3,"libraries":{}}""", DisplayName = "no targets")]
    [DataRow("""{"version":3,"targets":{},"libraries":{"NoVersion":{"type":"package","sha512":"x"}}}""", DisplayName = "library without version")]
    [DataRow("""{"version":3,"targets":{},"libraries":{"A/1.0.0":{"type":"package"}}}""", DisplayName = "package without sha512")]
    [DataRow("""{"version":3,"targets":{"net10.0":[]},"libraries":{}}""", DisplayName = "target not an object")]
    [DataRow("""{"version":"3","targets":{},"libraries":{}}""", DisplayName = "version not a number")]
    [DataRow("""{"version":3.5,"targets":{},"libraries":{}}""", DisplayName = "version not an integer")]
    [DataRow("""{"version":3,"targets":{"net10.0":{"NoVersion":{}}},"libraries":{}}""", DisplayName = "target entry without version")]
    public void Read_CorruptFile_ThrowsCil2003(string content)
    {
        using var dir = new TempDirectory();
        var path = dir.WriteFile("project.assets.json", content);

        var e = Assert.ThrowsExactly<CilockException>(() => ProjectAssetsReader.Read(path));
        Assert.AreEqual("CIL2003", e.Code);
        Assert.Contains(path, e.Message);
    }

    [TestMethod]
    public void Read_MissingFile_ThrowsCil2003WithRestoreHint()
    {
        using var dir = new TempDirectory();
        var e = Assert.ThrowsExactly<CilockException>(() => ProjectAssetsReader.Read(dir.Combine("missing.json")));
        Assert.AreEqual("CIL2003", e.Code);
        Assert.Contains("dotnet restore", e.Message);
    }
}
