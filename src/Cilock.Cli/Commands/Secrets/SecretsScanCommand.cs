using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.IO;
using Cilock.Cli.Hosting;
using Cilock.Cli.Rendering;
using Cilock.Secrets.Findings;
using Cilock.Secrets.Rules;
using Cilock.Secrets.Sarif;
using Cilock.Secrets.Scanning;

namespace Cilock.Cli.Commands.Secrets;

/// <summary>
/// <c>cilock secrets scan [--format text|json|sarif] [--rules FILE] [--output FILE] PATH…</c>. Exit 0 when clean,
/// 1 when secrets were found, 2 on a usage or input error. Output never contains a raw secret.
/// </summary>
internal sealed class SecretsScanCommand : Command
{
    /// <summary>Files, folders (recursive) and zip/nupkg packages to scan.</summary>
    public readonly Argument<string[]> Paths = new("path")
    {
        Description = "Files, folders (scanned recursively) and .nupkg/.zip packages",
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary>The output format.</summary>
    public readonly Option<string> Format = new Option<string>("--format")
    {
        Description = "text (default), json (array of findings) or sarif (SARIF 2.1.0)",
        DefaultValueFactory = _ => "text",
    }.AcceptOnlyFromAmong("text", "json", "sarif");

    /// <summary>A rules file extending or replacing the defaults.</summary>
    public readonly Option<string?> Rules = new("--rules")
    {
        Description = "JSON rules file: its rules extend (or override by id) the built-in ones; see docs/secrets.md",
    };

    /// <summary>Write the report to a file instead of standard output.</summary>
    public readonly Option<string?> Output = new("--output", "-o")
    {
        Description = "Write the report to this file (atomically) instead of standard output",
    };

    /// <summary>Creates the command.</summary>
    public SecretsScanCommand()
        : base("scan", "Scan for secrets (also inside base64/hex/percent-encoded text and package entries)")
    {
        Arguments.Add(Paths);
        Options.Add(Format);
        Options.Add(Rules);
        Options.Add(Output);
        SetAction((parse, ct) => Task.FromResult(Execute(parse, ct)));
    }

    private int Execute(ParseResult parse, CancellationToken ct)
    {
        var rulesFile = parse.GetValue(Rules);
        var rules = rulesFile is null ? RuleSet.Default : RuleSet.Load(rulesFile);
        var scanner = new PathScanner(new SecretScanner(new SecretScanOptions { Rules = rules, MaxFileBytes = 64L * 1024 * 1024 }));
        var result = scanner.Scan(parse.GetValue(Paths)!, ct);
        DiagnosticWriter.Write(parse.InvocationConfiguration.Error, result.Diagnostics);

        var report = parse.GetValue(Format) switch
        {
            "json" => new JsonArray([.. result.Findings.Select(f => (JsonNode)f.ToJson())]).ToJsonString(new JsonSerializerOptions { WriteIndented = true }),
            "sarif" => SarifWriter.Write(result.Findings),
            _ => RenderText(result.Findings),
        };

        if (parse.GetValue(Output) is { } output)
        {
            AtomicFile.WriteAllText(output, report + Environment.NewLine);
        }
        else
        {
            parse.InvocationConfiguration.Output.WriteLine(report);
        }

        return result.Findings.Count == 0 ? ExitCodes.Success : ExitCodes.CheckFailed;
    }

    private static string RenderText(IReadOnlyList<SecretFinding> findings)
    {
        var writer = new StringWriter();
        foreach (var f in findings)
        {
            var decoded = f.EncodingPath.Count > 0 ? $" after decoding {string.Join(" > ", f.EncodingPath)}" : "";
            writer.WriteLine($"{f.Location}({f.StartLine}): error {Cilock.Secrets.Diagnostics.SecretsDiagnostics.SecretFound}: " +
                $"{f.RuleId}: {f.Description}{decoded} [match {f.Match}, sha256 {f.Secret.Sha256Hex}]");
        }

        writer.Write(findings.Count == 0 ? "no secrets found" : $"{findings.Count} secret(s) found");
        return writer.ToString();
    }
}
