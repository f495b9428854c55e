using System.Collections;
using System.CommandLine;
using Cilock.Cli.Commands.Run;
using Cilock.Cli.Hosting;
using Cilock.Operations.Keyless;
using Cilock.Operations.Signing;
using Cilock.Policy.Loading;

namespace Cilock.Cli.Commands.Sign;

/// <summary>
/// <c>cilock sign -f FILE [-t TYPE] (-k KEY.pem | --keyless …) -o OUT</c>: a DSSE envelope over the file's exact bytes
/// (Witness <c>sign</c>); keyless also writes the Sigstore bundle beside OUT. Exit 0 signed, 2 bad input or failure.
/// </summary>
internal sealed class SignCommand : Command
{
    private readonly Option<string> _input = new("--infile", "-f") { HelpName = "FILE", Description = "The file to sign (its exact bytes are the payload)", Required = true };

    private readonly Option<string> _output = new("--outfile", "-o") { HelpName = "OUT", Description = "Where to write the DSSE envelope", Required = true };

    private readonly Option<string> _type = new("--datatype", "-t")
    {
        HelpName = "TYPE",
        Description = $"DSSE payload type (default {PolicyLoader.WitnessPolicyPayloadType}, as witness sign)",
        DefaultValueFactory = _ => PolicyLoader.WitnessPolicyPayloadType,
    };

    private readonly Option<string?> _key = new("--key", "-k") { HelpName = "KEY.pem", Description = "Private key (PEM)" };

    private readonly Option<string?> _passwordEnv = new("--key-password-env") { Description = "Environment variable holding the key password" };

    private readonly KeylessRunOptions _keyless = new();

    private static readonly HttpClient Http = new();

    /// <summary>Creates the command.</summary>
    public SignCommand()
        : base("sign", "Sign a file into a DSSE envelope with a key or keylessly (Fulcio certificate, timestamps, Rekor)")
    {
        foreach (var option in (Option[])[_input, _output, _type, _key, _passwordEnv])
        {
            Options.Add(option);
        }

        _keyless.AddTo(this);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var settings = _keyless.ToSettings(parse);
        var keyPath = parse.GetValue(_key);
        var result = await SignFileOperation.ExecuteAsync(new SignFileRequest
        {
            InputPath = parse.GetValue(_input)!,
            OutputPath = parse.GetValue(_output)!,
            PayloadType = parse.GetValue(_type)!,
            KeyPath = keyPath,
            KeyPasswordEnvironmentVariable = parse.GetValue(_passwordEnv),
            // --signing auto/key with -k means the key; keyless (or auto without a key) means keyless.
            Keyless = keyPath is not null && settings.Mode != SigningMode.Keyless ? null : settings,
        }, Environment(), Http, cancellationToken).ConfigureAwait(false);

        var output = parse.InvocationConfiguration.Output;
        output.WriteLine(result.Identity is null
            ? $"OK: signed {result.EnvelopePath}"
            : $"OK: signed as {result.Identity}; envelope {result.EnvelopePath}, Sigstore bundle {result.BundlePath}");
        return ExitCodes.Success;
    }

    private static Dictionary<string, string> Environment() =>
        System.Environment.GetEnvironmentVariables().Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value ?? "", StringComparer.Ordinal);
}
