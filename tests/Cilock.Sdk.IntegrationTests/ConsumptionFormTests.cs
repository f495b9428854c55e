using System.Text;

namespace Cilock.Sdk.IntegrationTests;

/// <summary>The other two ways to consume the SDK, CilockEnabled=false, the per-user key, and -m with many projects.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class ConsumptionFormTests
{
    [TestMethod]
    public void SdkAttribute_DisabledThenEnabled_NoTraceThenEvidenceSignedWithUserKey()
    {
        var root = PackedSdk.CreateWorkspace("sdk-attribute");
        WriteLibrary(root, "Tiny", $"<Project Sdk=\"Microsoft.NET.Sdk;Cilock.Sdk/{PackedSdk.Version}\">");
        var noKey = new Dictionary<string, string?> { ["CilockSigningKey"] = null };

        var disabled = PackedSdk.Dotnet(root, noKey, "build", "Tiny/Tiny.csproj", "-p:CilockEnabled=false", "-v:n");
        Assert.AreEqual(0, disabled.ExitCode, disabled.Output);
        Assert.IsFalse(Directory.Exists(Path.Combine(root, "Tiny", "obj", "cilock")), "CilockEnabled=false must leave no evidence");
        Assert.DoesNotContain("Cilock:", disabled.Output, "no Cilock task may run when disabled");
        Assert.DoesNotContain("cilock.compiler.args", File.ReadAllText(Path.Combine(root, "Tiny", "obj", "Debug", "net10.0", "Tiny.csproj.FileListAbsolute.txt")));

        var enabled = PackedSdk.Dotnet(root, noKey, "build", "Tiny/Tiny.csproj");
        Assert.AreEqual(0, enabled.ExitCode, enabled.Output);
        var evidence = Evidence.Load(Path.Combine(root, "Tiny", "obj", "cilock", "build.Debug.net10.0.intoto.json"));
        evidence.AssertSignedBy(Path.Combine(PackedSdk.Root, "cilock-home", "keys", "default.pub"));
        Assert.AreEqual("build", evidence.StepName);
    }

    [TestMethod]
    public void GlobalJsonImports_ParallelBuildOfTwentyProjects_EveryProjectHasCompleteEvidence()
    {
        const int count = 20;
        var root = PackedSdk.CreateWorkspace("parallel");
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), "<Project><Import Project=\"Sdk.props\" Sdk=\"Cilock.Sdk\" /></Project>");
        File.WriteAllText(Path.Combine(root, "Directory.Build.targets"), "<Project><Import Project=\"Sdk.targets\" Sdk=\"Cilock.Sdk\" /></Project>");
        var names = Enumerable.Range(1, count).Select(i => $"P{i:D2}").ToList();
        foreach (var name in names)
        {
            WriteLibrary(root, name, "<Project Sdk=\"Microsoft.NET.Sdk\">");
        }

        File.WriteAllText(Path.Combine(root, "all.sln"), Solution(names));
        PackedSdk.DotnetOk(root, "build", "all.sln", "-m:4", "-c", "Release");

        foreach (var name in names)
        {
            var evidence = Evidence.Load(Path.Combine(root, name, "obj", "cilock", "build.Release.net10.0.intoto.json"));
            evidence.AssertSignedBy(PackedSdk.PublicKeyPath);
            var dll = $"{name}/bin/Release/net10.0/{name}.dll";
            Assert.AreEqual(Evidence.Sha256(Path.Combine(root, dll)), evidence.Leaves("product")[dll], name);
            Assert.IsTrue(evidence.Leaves("material").ContainsKey($"{name}/Class1.cs"), name);
            Assert.IsEmpty(Directory.GetFiles(Path.Combine(root, name, "obj", "cilock"), "*.tmp"), "no torn or leftover temp files");
        }
    }

    internal static void WriteLibrary(string root, string name, string projectOpening, string extra = "")
    {
        Directory.CreateDirectory(Path.Combine(root, name));
        File.WriteAllText(Path.Combine(root, name, $"{name}.csproj"), $"""
            {projectOpening}
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
              </PropertyGroup>
              {extra}
            </Project>
            """);
        File.WriteAllText(Path.Combine(root, name, "Class1.cs"), $"namespace {name};\npublic static class Class1 {{ public static string Name => \"{name}\"; }}\n");
    }

    private static string Solution(IEnumerable<string> names)
    {
        var sb = new StringBuilder("\nMicrosoft Visual Studio Solution File, Format Version 12.00\n# Visual Studio Version 17\n");
        var ids = new List<string>();
        foreach (var name in names)
        {
            var id = Guid.NewGuid().ToString("B").ToUpperInvariant();
            ids.Add(id);
            sb.Append($"Project(\"{{9A19103F-16F7-4668-BE54-9A1E7A4F7556}}\") = \"{name}\", \"{name}/{name}.csproj\", \"{id}\"\nEndProject\n");
        }

        sb.Append("Global\n\tGlobalSection(SolutionConfigurationPlatforms) = preSolution\n\t\tDebug|Any CPU = Debug|Any CPU\n\t\tRelease|Any CPU = Release|Any CPU\n\tEndGlobalSection\n");
        sb.Append("\tGlobalSection(ProjectConfigurationPlatforms) = postSolution\n");
        foreach (var id in ids)
        {
            foreach (var c in new[] { "Debug", "Release" })
            {
                sb.Append($"\t\t{id}.{c}|Any CPU.ActiveCfg = {c}|Any CPU\n\t\t{id}.{c}|Any CPU.Build.0 = {c}|Any CPU\n");
            }
        }

        sb.Append("\tEndGlobalSection\nEndGlobal\n");
        return sb.ToString();
    }
}
