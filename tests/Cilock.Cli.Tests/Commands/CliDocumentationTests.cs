using System.CommandLine;
using System.CommandLine.Help;
using Cilock.Cli.Commands;
using Cilock.TestUtilities;

namespace Cilock.Cli.Tests.Commands;

/// <summary>docs/cli.md must keep up with the commands this area owns.</summary>
[TestClass]
public sealed class CliDocumentationTests
{
    private static readonly string[] DocumentedHere = ["run", "inspect", "keygen", "verify-signature", "verify-bundle", "sign", "sign-bundle"];

    public static IEnumerable<object[]> Options() =>
        CommandCatalog.CreateRootCommand().Subcommands
            .Where(c => DocumentedHere.Contains(c.Name))
            .SelectMany(c => c.Options
                .Where(o => o is not HelpOption && o.Name != "--verbose")
                .Select(o => new object[] { c.Name, o.Name }));

    [TestMethod]
    public void DocumentedCommands_AllExistInCatalog()
    {
        var names = CommandCatalog.CreateRootCommand().Subcommands.Select(c => c.Name).ToList();

        CollectionAssert.IsSubsetOf(DocumentedHere, names);
    }

    [TestMethod]
    [DynamicData(nameof(Options))]
    public void Option_IsDocumentedInCliMd(string command, string option)
    {
        var docs = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "cli.md"));
        var section = docs[docs.IndexOf($"## `cilock {command}`", StringComparison.Ordinal)..];
        var next = section.IndexOf("\n## ", 3, StringComparison.Ordinal);
        section = next < 0 ? section : section[..next];

        StringAssert.Contains(section, option, $"docs/cli.md section of '{command}' does not mention {option}");
    }
}
