using System.Text.RegularExpressions;
using Cilock.Cli.Commands;
using Cilock.TestUtilities;
using YamlDotNet.RepresentationModel;

namespace Cilock.Cli.Tests;

/// <summary>
/// samples/ci: each pipeline is valid YAML, every <c>Cilock*</c> MSBuild property it sets exists in the SDK's
/// props/targets, and every <c>cilock</c> command line in it parses against the real command tree.
/// </summary>
[TestClass]
public sealed partial class ReportCiSamplesTests
{
    public static IEnumerable<object[]> Samples() =>
        new[] { "github-actions.yml", "gitlab-ci.yml", "azure-pipelines.yml" }.Select(f => new object[] { f });

    [TestMethod]
    [DynamicData(nameof(Samples))]
    public void Sample_PropertiesExistInTheSdk(string file)
    {
        var known = SdkProperties();
        var used = Lines(file).SelectMany(l => PropertyPattern().Matches(l).Select(m => m.Groups[1].Value)).Distinct().ToList();

        Assert.IsNotEmpty(used, $"{file} sets no Cilock property");
        CollectionAssert.IsSubsetOf(used, known.ToList(), $"{file} uses properties the SDK does not define: {string.Join(", ", used.Except(known))}");
    }

    [TestMethod]
    [DynamicData(nameof(Samples))]
    public void Sample_CilockCommandLinesParse(string file)
    {
        var commands = Lines(file).Where(l => l.StartsWith("cilock ", StringComparison.Ordinal)).ToList();

        Assert.IsGreaterThanOrEqualTo(3, commands.Count, $"{file}: verify, report and push are expected");
        foreach (var line in commands)
        {
            var args = line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
            var parse = CommandCatalog.CreateRootCommand().Parse(args);
            Assert.IsEmpty(parse.Errors, $"{file}: '{line}': {string.Join("; ", parse.Errors.Select(e => e.Message))}");
        }

        foreach (var needed in new[] { "cilock verify ", "cilock report ", "cilock push " })
        {
            Assert.IsTrue(commands.Any(c => c.StartsWith(needed, StringComparison.Ordinal)), $"{file} lacks {needed.Trim()}");
        }
    }

    [TestMethod]
    public void PropertyCheck_UnknownProperty_IsCaught()
    {
        var known = SdkProperties();
        Assert.IsTrue(known.Contains("CilockArchivistaUrl") && known.Contains("CilockSigning") && known.Contains("CilockReport"));
        Assert.IsFalse(known.Contains("CilockNoSuchThing"));
        Assert.IsNotEmpty(CommandCatalog.CreateRootCommand().Parse(["verify", "--no-such-option"]).Errors);
    }

    // Every scalar of the document, split into lines (script lists, run blocks, folded scalars).
    private static List<string> Lines(string file)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(SharedData.RepositoryRoot, "samples", "ci", file)))
        {
            stream.Load(reader);
        }

        var lines = new List<string>();
        void Walk(YamlNode node)
        {
            switch (node)
            {
                case YamlScalarNode scalar:
                    lines.AddRange((scalar.Value ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0));
                    break;
                case YamlSequenceNode sequence:
                    foreach (var child in sequence)
                    {
                        Walk(child);
                    }

                    break;
                case YamlMappingNode mapping:
                    foreach (var (key, value) in mapping)
                    {
                        Walk(key);
                        Walk(value);
                    }

                    break;
            }
        }

        Walk(stream.Documents.Single().RootNode);
        return lines;
    }

    private static HashSet<string> SdkProperties()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(SharedData.RepositoryRoot, "src", "Cilock.Sdk", "build")).Where(f => f.EndsWith(".props", StringComparison.Ordinal) || f.EndsWith(".targets", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            names.UnionWith(DefinitionPattern().Matches(text).Select(m => m.Groups[1].Value));
        }

        return names;
    }

    [GeneratedRegex(@"[-/]p:(Cilock\w+)=")]
    private static partial Regex PropertyPattern();

    [GeneratedRegex(@"(?:\$\(|<)(Cilock\w+)[)\s>]")]
    private static partial Regex DefinitionPattern();
}
