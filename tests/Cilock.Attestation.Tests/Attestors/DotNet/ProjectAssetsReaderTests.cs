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
