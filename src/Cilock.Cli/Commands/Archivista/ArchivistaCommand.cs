using System.CommandLine;
using Cilock.Attestation.IO;
using Cilock.Cli.Hosting;
using Cilock.Operations.Archivista;

namespace Cilock.Cli.Commands.Archivista;

/// <summary><c>cilock archivista upload|download|search</c>: talk to an Archivista evidence store directly.</summary>
internal sealed class ArchivistaCommand : Command
{
    /// <summary>Creates the command group.</summary>
    public ArchivistaCommand()
        : base("archivista", "Store, fetch and search evidence in an Archivista server")
    {
        Subcommands.Add(Upload());
        Subcommands.Add(Download());
        Subcommands.Add(Search());
    }

    private static Command Upload()
    {
        var files = new Argument<string[]>("files") { Description = "Signed envelope files", Arity = ArgumentArity.OneOrMore };
        var archivista = new ArchivistaOptions("Archivista base URL", required: true);
        var command = new Command("upload", "Store envelopes; prints one gitoid per file");
        command.Arguments.Add(files);
        archivista.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            var settings = archivista.ToSettings(parse)!;
            foreach (var file in parse.GetValue(files)!)
            {
                var gitoid = await ArchivistaPublisher.UploadFileAsync(settings, file, ct).ConfigureAwait(false);
                parse.InvocationConfiguration.Output.WriteLine($"{gitoid}  {file}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Download()
    {
        var gitoid = new Argument<string>("gitoid") { Description = "The object id (64 hex)" };
        var output = new Option<string>("--outfile", "-o") { Description = "Where to write the envelope", Required = true };
        var archivista = new ArchivistaOptions("Archivista base URL", required: true);
        var command = new Command("download", "Fetch one envelope by gitoid (the bytes are checked against it)");
        command.Arguments.Add(gitoid);
        command.Options.Add(output);
        archivista.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            using var client = await archivista.ToSettings(parse)!.ConnectAsync(ct).ConfigureAwait(false);
            var bytes = await client.DownloadAsync(parse.GetValue(gitoid)!, ct).ConfigureAwait(false);
            AtomicFile.WriteAllBytes(parse.GetValue(output)!, bytes);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Search()
    {
        var subjects = new Option<string[]>("--subject", "-s") { Description = "Subject digest(s) [alg:]hex", Required = true, AllowMultipleArgumentsPerToken = true };
        var step = new Option<string?>("--step") { Description = "Collection name filter (Witness collections only on upstream Archivista)" };
        var types = new Option<string[]>("--type") { Description = "Attestation type filter (with --step)", AllowMultipleArgumentsPerToken = true };
        var archivista = new ArchivistaOptions("Archivista base URL", required: true);
        var command = new Command("search", "List the gitoids of envelopes with any of the subjects");
        command.Options.Add(subjects);
        command.Options.Add(step);
        command.Options.Add(types);
        archivista.AddTo(command);
        command.SetAction(async (parse, ct) =>
        {
            using var client = await archivista.ToSettings(parse)!.ConnectAsync(ct).ConfigureAwait(false);
            var found = await client.SearchAsync(
                new ArchivistaSearch
                {
                    SubjectDigests = [.. parse.GetValue(subjects)!.Select(ArchivistaSearch.DigestValue)],
                    CollectionName = parse.GetValue(step),
                    AttestationTypes = parse.GetValue(types) ?? [],
                },
                ct).ConfigureAwait(false);
            foreach (var g in found)
            {
                parse.InvocationConfiguration.Output.WriteLine(g);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
