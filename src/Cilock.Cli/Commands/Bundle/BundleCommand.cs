using System.CommandLine;
using Cilock.Attestation.Diagnostics;
using Cilock.Cli.Commands.Archivista;
using Cilock.Cli.Hosting;
using Cilock.Cli.Rendering;
using Cilock.Operations.Bundles;

namespace Cilock.Cli.Commands.Bundle;

/// <summary><c>cilock bundle create|inspect</c>: evidence bundles (<c>.tar.gz</c>) for offline verification.</summary>
internal sealed class BundleCommand : Command
{
    /// <summary>Creates the command group.</summary>
    public BundleCommand()
        : base("bundle", "Evidence bundles (.tar.gz) for air-gapped verification (cilock verify --bundle)")
    {
        Subcommands.Add(Create());
        Subcommands.Add(Inspect());
    }

    private static Command Create()
    {
        var output = new Option<string>("--outfile", "-o") { Description = "The bundle to write (.tar.gz)", Required = true };
        var attestations = new Option<string[]>("--attestations", "-a") { Description = "Evidence files or directories to include", AllowMultipleArgumentsPerToken = true };
        var subjects = new Option<string[]>("--subject", "-s") { Description = "Subject digest(s) [alg:]hex the bundle is for (start of the Archivista search)", AllowMultipleArgumentsPerToken = true };
        var depth = new Option<int>("--depth") { Description = "Archivista search rounds", DefaultValueFactory = _ => 5 };
        var archivista = new ArchivistaOptions("Collect the subjects' evidence graph from this Archivista server");
        var command = new Command("create", "Bundle envelopes from files and/or Archivista");
        command.Options.Add(output);
        command.Options.Add(attestations);
        command.Options.Add(subjects);
        command.Options.Add(depth);
        archivista.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var diagnostics = new List<Diagnostic>();
            var manifest = await BundleCreateOperation.ExecuteAsync(
                new BundleCreateOptions
                {
                    OutputPath = Path.GetFullPath(parse.GetValue(output)!),
                    Attestations = parse.GetValue(attestations) ?? [],
                    Subjects = parse.GetValue(subjects) ?? [],
                    Archivista = archivista.ToSettings(parse),
                    Depth = parse.GetValue(depth),
                },
                diagnostics,
                ct).ConfigureAwait(false);
            DiagnosticWriter.Write(parse.InvocationConfiguration.Error, diagnostics);
            parse.InvocationConfiguration.Error.WriteLine($"cilock: wrote {parse.GetValue(output)} ({manifest.Count} envelopes)");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Inspect()
    {
        var file = new Argument<string>("bundle") { Description = "The bundle (.tar.gz)" };
        var command = new Command("inspect", "Check a bundle's shape and print its manifest (signatures are checked by verify)");
        command.Arguments.Add(file);
        command.SetAction(parse =>
        {
            var bundle = EvidenceBundle.Read(parse.GetValue(file)!);
            parse.InvocationConfiguration.Output.WriteLine(bundle.Manifest.ToJson());
            return ExitCodes.Success;
        });
        return command;
    }
}
