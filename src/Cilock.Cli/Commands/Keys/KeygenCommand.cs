using System.CommandLine;
using Cilock.Attestation.Signing;
using Cilock.Cli.Hosting;
using Cilock.Operations.Keys;

namespace Cilock.Cli.Commands.Keys;

/// <summary><c>cilock keygen</c>: writes <c>PREFIX.key</c> (0600) and <c>PREFIX.pub</c>, prints the keyid on stdout.</summary>
internal sealed class KeygenCommand : Command
{
    /// <summary>The key type.</summary>
    public readonly Option<string> Algorithm = new("--algorithm")
    {
        HelpName = "ALG",
        Description = "Key type: ecdsa (P-256, default), p384, p521, rsa (3072), rsa4096 or ed25519",
        DefaultValueFactory = _ => "ecdsa",
    };

    /// <summary>The output prefix.</summary>
    public readonly Option<string> OutFile = new("--outfile", "-o")
    {
        HelpName = "PREFIX",
        Description = "Path prefix of the key files: PREFIX.key and PREFIX.pub (default: cilock)",
        DefaultValueFactory = _ => "cilock",
    };

    /// <summary>Overwrite existing files.</summary>
    public readonly Option<bool> Force = new("--force")
    {
        Description = "Replace existing key files",
    };

    /// <summary>Creates the command.</summary>
    public KeygenCommand()
        : base("keygen", "Generate a signing key pair")
    {
        Options.Add(Algorithm);
        Options.Add(OutFile);
        Options.Add(Force);
        SetAction(Execute);
    }

    private int Execute(ParseResult parse)
    {
        var result = KeygenOperation.Execute(new KeygenOptions
        {
            Algorithm = KeyGenerator.ParseAlgorithm(parse.GetValue(Algorithm)!),
            OutputPrefix = parse.GetValue(OutFile)!,
            Overwrite = parse.GetValue(Force),
        });
        parse.InvocationConfiguration.Output.WriteLine(result.KeyId);
        parse.InvocationConfiguration.Error.WriteLine(
            $"cilock: wrote {result.PrivateKeyPath} (private, mode 0600: keep it secret) and {result.PublicKeyPath} ({result.Algorithm})");
        return ExitCodes.Success;
    }
}
