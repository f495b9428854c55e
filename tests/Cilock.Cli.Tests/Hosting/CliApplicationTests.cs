using System.CommandLine;
using Cilock.Attestation.Diagnostics;
using Cilock.Cli.Commands;
using Cilock.Cli.Hosting;

namespace Cilock.Cli.Tests.Hosting;

[TestClass]
public sealed class CliApplicationTests
{
    [TestMethod]
    public void Invoke_Version_PrintsCilockAssemblyVersion()
    {
        var result = CliHarness.Invoke("--version");

        Assert.AreEqual(0, result.ExitCode, result.Output);
        Assert.AreEqual(VersionAction.Version, result.StandardOutput.Trim());
        StringAssert.Matches(result.StandardOutput.Trim(), new System.Text.RegularExpressions.Regex(@"^\d+\.\d+\.\d+"));
    }

    [TestMethod]
    public void Invoke_Help_ListsEveryCatalogCommand()
    {
        var result = CliHarness.Invoke("--help");

        Assert.AreEqual(0, result.ExitCode);
        foreach (var command in CommandCatalog.CreateRootCommand().Subcommands)
        {
            StringAssert.Contains(result.StandardOutput, command.Name);
        }

        StringAssert.Contains(result.StandardOutput, "--verbose");
    }

    [TestMethod]
    [DataRow(new[] { "--bogus" }, "--bogus", DisplayName = "unknown option")]
    [DataRow(new[] { "frobnicate" }, "frobnicate", DisplayName = "unknown command")]
    [DataRow(new[] { "run", "--", "true" }, "--step", DisplayName = "missing required option")]
    [DataRow(new[] { "run", "-s", "x", "--dialect", "go", "--", "true" }, "cilock", DisplayName = "bad option value")]
    [DataRow(new string[0], "command", DisplayName = "no command at all")]
    public void Invoke_UsageError_PrintsCil1900AndExits2(string[] args, string mention)
    {
        var result = CliHarness.Invoke(args);

        Assert.AreEqual(ExitCodes.UsageOrInputError, result.ExitCode, result.Output);
        var first = result.StandardError.Split('\n')[0];
        StringAssert.StartsWith(first, "cilock: error CIL1900: ");
        StringAssert.Contains(result.StandardError, mention);
        Assert.AreEqual("", result.StandardOutput, "usage errors go to stderr only");
    }

    [TestMethod]
    public void CreateRootCommand_EveryCommandAction_IsGuarded()
    {
        var root = CommandCatalog.CreateRootCommand();
        var all = new List<Command>();
        void Walk(Command c)
        {
            all.Add(c);
            foreach (var s in c.Subcommands)
            {
                Walk(s);
            }
        }

        Walk(root);
        foreach (var command in all.Where(c => c.Action is not null))
        {
            Assert.IsInstanceOfType<GuardedAction>(command.Action, command.Name);
        }

        Assert.IsGreaterThanOrEqualTo(4, root.Subcommands.Count);
    }

    [TestMethod]
    public void GuardedAction_CilockException_PrintsOneCodedLineAndExits2()
    {
        var (exit, stdout, stderr) = InvokeThrowing(new CilockException("CIL1234", "the key is bad"), verbose: false);

        Assert.AreEqual(2, exit);
        Assert.AreEqual("", stdout);
        Assert.AreEqual("cilock: error CIL1234: the key is bad" + Environment.NewLine, stderr);
    }

    [TestMethod]
    [DataRow(false)]
    [DataRow(true)]
    public void GuardedAction_UnexpectedException_PrintsCil1999AndStackOnlyWhenVerbose(bool verbose)
    {
        var (exit, _, stderr) = InvokeThrowing(new InvalidOperationException("kaboom"), verbose);

        Assert.AreEqual(2, exit);
        StringAssert.StartsWith(stderr, "cilock: error CIL1999: internal error: kaboom");
        Assert.AreEqual(verbose, stderr.Contains(nameof(InvokeThrowing), StringComparison.Ordinal), stderr);
        Assert.AreEqual(verbose, stderr.Contains(" at ", StringComparison.Ordinal), stderr);
    }

    [TestMethod]
    public void Parse_ThroughRootCommandDirectly_UsesInvocationWriters()
    {
        // The documented in-process pattern for other areas' tests.
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = CommandCatalog.CreateRootCommand().Parse(["--version"]).Invoke(new() { Output = output, Error = error });

        Assert.AreEqual(0, exit);
        Assert.AreEqual(VersionAction.Version, output.ToString().Trim());
    }

    private static (int Exit, string Stdout, string Stderr) InvokeThrowing(Exception exception, bool verbose)
    {
        var verboseOption = GlobalOptions.CreateVerbose();
        var root = new RootCommand { verboseOption };
        var command = new Command("boom");
        command.SetAction((Func<ParseResult, int>)(_ => throw exception));
        command.Action = new GuardedAction(command.Action!, verboseOption);
        root.Subcommands.Add(command);
        using var output = new StringWriter();
        using var error = new StringWriter();
        string[] args = verbose ? ["boom", "--verbose"] : ["boom"];

        var exit = root.Parse(args).Invoke(new() { Output = output, Error = error, EnableDefaultExceptionHandler = true });
        return (exit, output.ToString(), error.ToString());
    }
}
