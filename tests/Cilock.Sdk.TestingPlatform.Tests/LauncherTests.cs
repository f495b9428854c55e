using Cilock.TestUtilities;

namespace Cilock.Sdk.TestingPlatform.Tests;

/// <summary>The launcher end to end with stand-in programs (sh for the test app, true/false for dotnet msbuild).</summary>
[TestClass]
public sealed class LauncherTests
{
    [TestMethod]
    public void Run_FailingApp_ReturnsAppExitCodeAndSavesRecordedCommand()
    {
        using var dir = new TempDirectory("cilock-mtp-launcher");
        var commandFile = Path.Combine(dir.Path, "obj", "cmd.txt");
        var error = new StringWriter();

        var exit = Launcher.Run(Args(dir, commandFile, "/bin/true", "/bin/sh", "-c", "exit 2", "--dotnet-test-pipe", "/tmp/p"), error);

        Assert.AreEqual(2, exit, error.ToString());
        CollectionAssert.AreEqual(new[] { "/bin/sh", "-c", "exit 2" }, File.ReadAllLines(commandFile), "the pipe option is not recorded");
        Assert.AreEqual("", error.ToString());
    }

    [TestMethod]
    public void Run_RecordingFailsAfterPassingRun_Cil2142AndNonZero()
    {
        using var dir = new TempDirectory("cilock-mtp-launcher");
        var error = new StringWriter();

        var exit = Launcher.Run(Args(dir, Path.Combine(dir.Path, "cmd.txt"), "/bin/false", "/bin/sh", "-c", "exit 0"), error);

        Assert.AreEqual(1, exit, "a run whose evidence is missing must not look green");
        StringAssert.StartsWith(error.ToString(), "cilock: error CIL2142: ");
    }

    [TestMethod]
    public void Run_RecordingFailsAfterFailingRun_KeepsAppExitCode()
    {
        using var dir = new TempDirectory("cilock-mtp-launcher");
        var error = new StringWriter();

        var exit = Launcher.Run(Args(dir, Path.Combine(dir.Path, "cmd.txt"), "/bin/false", "/bin/sh", "-c", "exit 8"), error);

        Assert.AreEqual(8, exit);
        StringAssert.Contains(error.ToString(), "CIL2142");
    }

    [TestMethod]
    public void Run_CommandFileNotWritable_Cil2143KeepsAppExitCode()
    {
        using var dir = new TempDirectory("cilock-mtp-launcher");
        var blocker = Path.Combine(dir.Path, "obj");
        File.WriteAllText(blocker, "a file where the folder should be");
        var error = new StringWriter();

        var exit = Launcher.Run(Args(dir, Path.Combine(blocker, "cmd.txt"), "/bin/true", "/bin/sh", "-c", "exit 2"), error);

        Assert.AreEqual(2, exit);
        StringAssert.StartsWith(error.ToString(), "cilock: error CIL2143: ");
    }

    [TestMethod]
    public void Run_AppMissing_Cil2141WithoutStackTrace()
    {
        using var dir = new TempDirectory("cilock-mtp-launcher");
        var error = new StringWriter();

        var exit = Launcher.Run(Args(dir, Path.Combine(dir.Path, "cmd.txt"), "/bin/true", Path.Combine(dir.Path, "no-such-app")), error);

        Assert.AreEqual(1, exit);
        StringAssert.StartsWith(error.ToString(), "cilock: error CIL2141: ");
        Assert.DoesNotContain("   at ", error.ToString());
    }

    [TestMethod]
    public void Run_StaleReport_DeletedBeforeTheRun()
    {
        using var dir = new TempDirectory("cilock-mtp-launcher");
        var report = Path.Combine(dir.Path, "tr", "c.trx");
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);
        File.WriteAllText(report, "stale");
        var seen = Path.Combine(dir.Path, "seen.txt");

        // The stand-in app records whether the report existed when it started.
        var exit = Launcher.Run(
            [.. Args(dir, Path.Combine(dir.Path, "cmd.txt"), "/bin/true").SkipLast(1), "--trx-directory", Path.Combine(dir.Path, "tr"), "--trx-file", "c.trx", "--",
                "/bin/sh", "-c", $"test -e '{report}' && echo stale > '{seen}' || echo fresh > '{seen}'"],
            new StringWriter());

        Assert.AreEqual(0, exit);
        Assert.AreEqual("fresh", File.ReadAllText(seen).Trim());
    }

    [TestMethod]
    public void Run_ListTests_RunsAppWithoutRecording()
    {
        using var dir = new TempDirectory("cilock-mtp-launcher");
        var commandFile = Path.Combine(dir.Path, "cmd.txt");

        var exit = Launcher.Run(Args(dir, commandFile, "/bin/false", "/bin/sh", "-c", "exit 0", "--list-tests"), new StringWriter());

        Assert.AreEqual(0, exit, "dotnet msbuild (/bin/false here) is not run");
        Assert.IsFalse(File.Exists(commandFile));
    }

    [TestMethod]
    public void Run_BadLauncherArguments_Cil2140()
    {
        var error = new StringWriter();

        Assert.AreEqual(1, Launcher.Run(["--", "app"], error));
        StringAssert.StartsWith(error.ToString(), "cilock: error CIL2140: ");
    }

    [TestMethod]
    public void RecordArguments_PathsWithMSBuildSpecialCharacters_Escaped()
    {
        var options = LauncherOptions.Parse(["--project", "/r/A;B/App.csproj", "--configuration", "Release", "--target-framework", "net10.0",
            "--dotnet", "dotnet", "--command-file", "/r/x,y%$(z)/cmd.txt", "--", "app"]);

        var arguments = Launcher.RecordArguments(options, "/r/t@r/c.trx", 2);

        CollectionAssert.Contains(arguments.ToArray(), "-t:CilockRecordTestingPlatformRun");
        CollectionAssert.Contains(arguments.ToArray(), "-p:_CilockTestRunExitCode=2");
        CollectionAssert.Contains(arguments.ToArray(), "-p:_CilockTestRunCommandFile=/r/x%2Cy%25%24%28z%29/cmd.txt");
        CollectionAssert.Contains(arguments.ToArray(), "-p:_CilockTestRunReport=/r/t%40r/c.trx");
        Assert.AreEqual("/r/A;B/App.csproj", arguments[1], "the project is its own argument, not a property value");
    }

    private static string[] Args(TempDirectory dir, string commandFile, string dotnet, params string[] app)
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Inconclusive("uses /bin/sh stand-ins");
        }

        return ["--project", Path.Combine(dir.Path, "App.csproj"), "--configuration", "Debug", "--target-framework", "net10.0",
            "--dotnet", dotnet, "--command-file", commandFile, "--", .. app];
    }
}
