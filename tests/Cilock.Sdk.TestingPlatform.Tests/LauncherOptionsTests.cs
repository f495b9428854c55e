namespace Cilock.Sdk.TestingPlatform.Tests;

[TestClass]
public sealed class LauncherOptionsTests
{
    private static readonly string[] Required =
        ["--project", "/r/App/App.csproj", "--configuration", "Release", "--target-framework", "net10.0", "--dotnet", "/usr/bin/dotnet", "--command-file", "/r/App/obj/cmd.txt"];

    [TestMethod]
    public void Parse_AllOptions_SplitsLauncherOptionsFromAppCommand()
    {
        var options = LauncherOptions.Parse([.. Required, "--runtime-identifier", "linux-x64", "--trx-directory", "/r/tr", "--trx-file", "c.trx", "--", "/r/App/bin/App", "--filter", "--x", "--"]);

        Assert.AreEqual("/r/App/App.csproj", options.Project);
        Assert.AreEqual("Release", options.Configuration);
        Assert.AreEqual("net10.0", options.TargetFramework);
        Assert.AreEqual("linux-x64", options.RuntimeIdentifier);
        Assert.AreEqual("/usr/bin/dotnet", options.DotNet);
        Assert.AreEqual("/r/tr", options.TrxDirectory);
        Assert.AreEqual("c.trx", options.TrxFile);
        Assert.AreEqual("/r/App/bin/App", options.Program);
        CollectionAssert.AreEqual(new[] { "--filter", "--x", "--" }, options.Arguments.ToArray(), "everything after the first -- belongs to the app");
    }

    [TestMethod]
    public void Parse_NoTrxRequest_LeavesTrxUnset()
    {
        var options = LauncherOptions.Parse([.. Required, "--", "dotnet", "exec", "App.dll"]);

        Assert.IsNull(options.TrxDirectory);
        Assert.IsNull(options.RuntimeIdentifier);
        Assert.AreEqual("dotnet", options.Program);
        CollectionAssert.AreEqual(new[] { "exec", "App.dll" }, options.Arguments.ToArray());
    }

    [TestMethod]
    [DataRow("--bogus", "x", "unknown option '--bogus'")]
    [DataRow("--trx-directory", "/r/tr", "'--trx-directory' and '--trx-file' go together")]
    public void Parse_BadOption_ThrowsCil2140(string option, string value, string message)
    {
        var e = Assert.ThrowsExactly<LauncherException>(() => LauncherOptions.Parse([.. Required, option, value, "--", "app"]));

        Assert.AreEqual("CIL2140", e.Code);
        StringAssert.Contains(e.Message, message);
    }

    [TestMethod]
    public void Parse_MissingRequiredOption_ThrowsCil2140()
    {
        var e = Assert.ThrowsExactly<LauncherException>(() => LauncherOptions.Parse([.. Required.Skip(2), "--", "app"]));

        Assert.AreEqual("CIL2140", e.Code);
        StringAssert.Contains(e.Message, "'--project' is required");
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void Parse_NoAppCommand_ThrowsCil2140(bool withSeparator)
    {
        string[] args = withSeparator ? [.. Required, "--"] : Required;

        var e = Assert.ThrowsExactly<LauncherException>(() => LauncherOptions.Parse(args));

        Assert.AreEqual("CIL2140", e.Code);
        StringAssert.Contains(e.Message, "no test application command");
    }

    [TestMethod]
    public void Parse_OptionWithoutValue_ThrowsCil2140()
    {
        var e = Assert.ThrowsExactly<LauncherException>(() => LauncherOptions.Parse(["--project", "--", "app"]));

        StringAssert.Contains(e.Message, "option '--project' has no value");
    }
}
