using System.CommandLine;
using Cilock.Attestation.Crypto;
using Cilock.Cli.Hosting;
using Cilock.Cli.Rendering;
using Cilock.Operations.Signatures;

namespace Cilock.Cli.Commands.Keys;

/// <summary>
/// <c>cilock verify-signature FILE --key PUB.pem</c>: checks the signatures of every envelope in the file.
/// Exit 0 all valid, 1 any invalid (with the reason), 2 bad input.
/// </summary>
internal sealed class VerifySignatureCommand : Command
{
    /// <summary>The evidence file.</summary>
    public readonly Argument<string> File = new("file")
    {
        Description = "DSSE envelope or .intoto.jsonl file",
    };

    /// <summary>The public keys.</summary>
    public readonly Option<string[]> Key = new("--key", "-k")
    {
        HelpName = "PEM",
        Description = "Public key or certificate PEM (repeatable; each is tried on every signature)",
        Required = true,
    };

    /// <summary>How many distinct keys must have signed.</summary>
    public readonly Option<int> Threshold = new("--threshold")
    {
        HelpName = "N",
        Description = "Number of distinct keys that must have signed each envelope",
        DefaultValueFactory = _ => 1,
    };

    /// <summary>Creates the command.</summary>
    public VerifySignatureCommand()
        : base("verify-signature", "Check the signatures of a DSSE envelope or .intoto.jsonl file")
    {
        Arguments.Add(File);
        Options.Add(Key);
        Options.Add(Threshold);
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var result = VerifySignatureOperation.Execute(new VerifySignatureOptions
        {
            EvidencePath = parse.GetValue(File)!,
            PublicKeyPaths = parse.GetValue(Key) ?? [],
            Threshold = parse.GetValue(Threshold),
        });

        foreach (var envelope in result.Envelopes)
        {
            var where = result.Envelopes.Count > 1 ? $"{result.Path}({envelope.Line})" : result.Path;
            if (envelope.IsValid)
            {
                output.WriteLine($"{where}: signature valid (keyid {string.Join(", ", envelope.PassedKeyIds)})");
            }
            else
            {
                DiagnosticWriter.Error(error, CryptoDiagnostics.EnvelopeSignatureInvalid, $"{where}: {envelope.Error}");
            }
        }

        return result.IsValid ? ExitCodes.Success : ExitCodes.CheckFailed;
    }
}
