using Cilock.Operations.Signing;
using Cilock.TestUtilities;

namespace Cilock.Cli.Tests;

/// <summary>The sign/sign-bundle code catalog stays in its range and every code is documented.</summary>
[TestClass]
public sealed class SigningDiagnosticsTests
{
    [TestMethod]
    public void Catalog_IsWellFormedAndDocumented()
    {
        DiagnosticCatalog.AssertWellFormed(typeof(SigningDiagnostics), 6120, 6129);
    }

    [TestMethod]
    [DataRow("sign-bundle")]
    [DataRow("sign")]
    public void Options_AreDocumentedInCliMd(string command)
    {
        var docs = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "cli.md"));
        var start = docs.IndexOf($"## `cilock {command}`", StringComparison.Ordinal);
        Assert.IsGreaterThanOrEqualTo(0, start, $"docs/cli.md has no section for {command}");
        var section = docs[start..];
        var next = section.IndexOf("\n## ", 3, StringComparison.Ordinal);
        section = next < 0 ? section : section[..next];
        var options = Cilock.Cli.Commands.CommandCatalog.CreateRootCommand().Subcommands.Single(c => c.Name == command).Options
            .Where(o => o is not System.CommandLine.Help.HelpOption && o.Name != "--verbose");

        foreach (var option in options)
        {
            StringAssert.Contains(section, option.Name, $"docs/cli.md section of '{command}' does not mention {option.Name}");
        }
    }
}
