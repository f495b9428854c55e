using System.CommandLine;
using Cilock.Cli.Hosting;
using Cilock.Cli.Rendering;
using Cilock.Operations.Inspection;

namespace Cilock.Cli.Commands.Inspect;

/// <summary><c>cilock inspect FILE [--format text|json]</c>: a readable summary of an envelope, jsonl file or statement.</summary>
internal sealed class InspectCommand : Command
{
    /// <summary>The file to inspect.</summary>
    public readonly Argument<string> File = new("file")
    {
        Description = "DSSE envelope, .intoto.jsonl file or in-toto statement",
    };

    /// <summary>The output format.</summary>
    public readonly Option<string> Format = new Option<string>("--format")
    {
        Description = "text (default) or json",
        DefaultValueFactory = _ => "text",
    }.AcceptOnlyFromAmong("text", "json");

    /// <summary>Creates the command.</summary>
    public InspectCommand()
        : base("inspect", "Show what an evidence file contains (signatures are not verified)")
    {
        Arguments.Add(File);
        Options.Add(Format);
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        var report = InspectOperation.Execute(parse.GetValue(File)!);
        var output = parse.InvocationConfiguration.Output;
        if (parse.GetValue(Format) == "json")
        {
            output.WriteLine(report.ToJsonString());
        }
        else
        {
            InspectionTextRenderer.Write(output, report);
        }

        return ExitCodes.Success;
    }
}
