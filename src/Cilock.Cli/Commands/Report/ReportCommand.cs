using System.CommandLine;
using Cilock.Attestation.Diagnostics;
using Cilock.Cli.Hosting;
using Cilock.Cli.Rendering;
using Cilock.Operations.Reporting;

namespace Cilock.Cli.Commands.Report;

/// <summary><c>cilock report PACKAGE.nupkg|EVIDENCE… --html OUT.html [--vsa FILE]</c>: a self-contained HTML evidence report.</summary>
internal sealed class ReportCommand : Command
{
    private readonly Argument<string[]> _inputs = new("evidence")
    {
        Description = "A .nupkg (its .intoto.jsonl sidecar is read), evidence files, directories or bundles (.tar.gz)",
        Arity = ArgumentArity.OneOrMore,
    };

    private readonly Option<string> _html = new("--html") { Description = "Where to write the HTML page", Required = true };
    private readonly Option<string[]> _vsa = new("--vsa") { Description = "Verification summary (cilock verify --vsa-outfile) whose verdict is shown", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> _title = new("--title") { Description = "Page title" };

    /// <summary>Creates the command.</summary>
    public ReportCommand()
        : base("report", "Write a self-contained HTML report of the evidence (steps, signers, files, SBOM, SARIF, tests, secrets, trace, verdict)")
    {
        Arguments.Add(_inputs);
        Options.Add(_html);
        Options.Add(_vsa);
        Options.Add(_title);
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        var diagnostics = new List<Diagnostic>();
        var output = Path.GetFullPath(parse.GetValue(_html)!);
        var steps = ReportOperation.Execute(
            new ReportOptions
            {
                Inputs = [.. parse.GetValue(_inputs)!.Select(Path.GetFullPath)],
                OutputPath = output,
                VerificationSummaries = [.. (parse.GetValue(_vsa) ?? []).Select(Path.GetFullPath)],
                Title = parse.GetValue(_title),
            },
            diagnostics);
        var error = parse.InvocationConfiguration.Error;
        DiagnosticWriter.Write(error, diagnostics);
        error.WriteLine($"cilock: wrote {output} ({steps} steps)");
        return ExitCodes.Success;
    }
}
