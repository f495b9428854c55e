using Cilock.Attestation.Attestors.CommandRun;
using Cilock.TestUtilities;

namespace Cilock.Tracing.Tests;

/// <summary>
/// Workloads 3 and 4 of the tracer issue: <c>dotnet build</c> and <c>dotnet test</c> of a tiny sample, traced and under
/// strace. The dotnet host, MSBuild and the compiler are heavily multi-threaded; the runs must finish (no deadlock) and
/// the trace must hold ≥ 99 % of strace's executed programs and opened files. Build servers are off so every process
/// of the workload is a child of the command (a reused MSBuild node or compiler server would escape both tools).
/// </summary>
[TestClass]
[TestCategory("Integration")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DotNetWorkloadTests
{
    private static readonly Dictionary<string, string?> Isolated = new()
    {
        ["MSBUILDDISABLENODEREUSE"] = "1",
        ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
        ["UseSharedCompilation"] = "false",
        ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        ["DOTNET_NOLOGO"] = "1",
        ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
        ["MSBUILDTERMINALLOGGER"] = "off",
    };

    [TestMethod]
    public async Task DotnetBuild_TinyLibrary_CoversStraceWithoutDeadlock()
    {
        using var dir = CreateSample();
        string[] build = ["dotnet", "build", "Lib/Lib.csproj", "--no-restore", "--no-incremental", "-nodeReuse:false", "--disable-build-servers"];

        var record = await RunTracedAsync(build, dir.Path);
        Assert.AreEqual(0, record.ExitCode, record.Stdout);

        // The Csc task starts the compiler's apphost (Roslyn/bincore/csc), or `dotnet exec csc.dll` on older SDKs.
        var compiler = record.Processes!.Single(p => p.Program?.EndsWith("/bincore/csc", StringComparison.Ordinal) == true
            || p.Cmdline?.Contains("csc.dll", StringComparison.Ordinal) == true);
        Assert.IsTrue(compiler.OpenedFiles.ContainsKey(dir.Combine("Lib", "Class1.cs")), "the compiler's source file");
        Assert.IsTrue(compiler.WrittenFiles.Keys.Any(k => k.EndsWith("/obj/Debug/net10.0/Lib.dll", StringComparison.Ordinal)), "the compiler's output");

        // Differences, by design: strace sees files that were deleted since (MSBuild's temporary .rsp/.tmp files) and
        // pseudo files; both are filtered out of its set before comparing (see AssertCovers).
        StraceComparison.AssertCovers(record, StraceComparison.Run(build, dir.Path, Isolated));
    }

    [TestMethod]
    public async Task DotnetTest_TinyTestProject_CoversStraceWithoutDeadlock()
    {
        using var dir = CreateSample();
        var built = ProcessRunner.Run("dotnet", ["build", "Tests/Tests.csproj", "--no-restore", "-nodeReuse:false"], dir.Path, Isolated, TimeSpan.FromMinutes(5));
        Assert.AreEqual(0, built.ExitCode, built.Output);
        string[] test = ["dotnet", "test", "Tests/Tests.csproj", "--no-build", "-nodeReuse:false"];

        var record = await RunTracedAsync(test, dir.Path);
        Assert.AreEqual(0, record.ExitCode, record.Stdout);

        var host = record.Processes!.Single(p => p.Cmdline?.Contains("testhost.dll", StringComparison.Ordinal) == true);
        Assert.IsTrue(host.OpenedFiles.Keys.Any(k => k.EndsWith("/bin/Debug/net10.0/Tests.dll", StringComparison.Ordinal)), "the test host loads the tests");
        Assert.IsTrue(host.OpenedFiles.ContainsKey(dir.Combine("Lib", "data.txt")), "the test reads its data file");
        Assert.IsGreaterThanOrEqualTo(3, record.Processes!.Count(p => p.Comm is not null), "dotnet test, vstest.console and the test host");

        StraceComparison.AssertCovers(record, StraceComparison.Run(test, dir.Path, Isolated));
    }

    private static Task<CommandRecord> RunTracedAsync(IReadOnlyList<string> args, string cwd)
    {
        var invocation = TracingCommandRunnerTests.Invocation(args, cwd);
        var environment = new Dictionary<string, string>(invocation.Environment, StringComparer.Ordinal);
        foreach (var (k, v) in Isolated)
        {
            environment[k] = v!;
        }

        return new TracingCommandRunner().RunAsync(invocation with { Environment = environment }, CancellationToken.None);
    }

    /// <summary>A class library and an MSTest project (packages from the machine's NuGet cache), restored untraced.</summary>
    private static TempDirectory CreateSample()
    {
        var dir = new TempDirectory();
        dir.WriteFile("Lib/Lib.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable></PropertyGroup>
            </Project>
            """);
        dir.WriteFile("Lib/Class1.cs", "namespace Lib;\npublic static class Class1 { public static int Answer => 42; }\n");
        dir.WriteFile("Lib/data.txt", "42\n");
        dir.WriteFile("Tests/Tests.csproj", """
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup><TargetFramework>net10.0</TargetFramework><IsTestProject>true</IsTestProject><IsPackable>false</IsPackable></PropertyGroup>
              <ItemGroup>
                <PackageReference Include="MSTest.TestFramework" Version="4.5.2" />
                <PackageReference Include="MSTest.TestAdapter" Version="4.5.2" />
                <PackageReference Include="Microsoft.NET.Test.Sdk" Version="18.11.0" />
                <ProjectReference Include="../Lib/Lib.csproj" />
              </ItemGroup>
            </Project>
            """);
        dir.WriteFile("Tests/Test1.cs", $$"""
            namespace Tests;
            [Microsoft.VisualStudio.TestTools.UnitTesting.TestClass]
            public sealed class Test1
            {
                [Microsoft.VisualStudio.TestTools.UnitTesting.TestMethod]
                public void Answer() => Microsoft.VisualStudio.TestTools.UnitTesting.Assert.AreEqual(
                    System.IO.File.ReadAllText("{{dir.Combine("Lib", "data.txt")}}").Trim(), Lib.Class1.Answer.ToString());
            }
            """);
        // Empty Directory.Build.* stop the repository's own build settings from leaking in from a parent folder.
        dir.WriteFile("Directory.Build.props", "<Project />");
        dir.WriteFile("Directory.Build.targets", "<Project />");
        var restore = ProcessRunner.Run("dotnet", ["restore", "Tests/Tests.csproj"], dir.Path, Isolated, TimeSpan.FromMinutes(5));
        if (restore.ExitCode != 0)
        {
            dir.Dispose();
            Assert.Inconclusive("the sample cannot be restored offline here: " + restore.Output);
        }

        return dir;
    }
}
