using System.CommandLine;
using Cilock.Cli.Hosting;
using Cilock.Operations.Signing;

namespace Cilock.Cli.Commands.Sigstore;

/// <summary>
/// <c>cilock sign-bundle [--staging] [--in-toto] --identity-token TOKEN --bundle OUT.sigstore.json [--trusted-root TR.json
/// --signing-config SC.json] FILE</c>, the signing half of the Sigstore conformance client protocol: a keyless message
/// signature (hashedrekord) over FILE as a bundle v0.3. Exit 0 signed, 2 bad input or a signing failure (coded line).
/// </summary>
internal sealed class SignBundleCommand : Command
{
    /// <summary>The file to sign.</summary>
    public readonly Argument<string> Artifact = new("file") { HelpName = "FILE", Description = "The file to sign" };

    /// <summary>The conformance suite's in-toto switch.</summary>
    public readonly Option<bool> InToto = new("--in-toto") { Description = "FILE is an in-toto statement: sign it as a DSSE envelope (Rekor intoto entry)" };

    /// <summary>The OIDC token.</summary>
    public readonly Option<string> Token = new("--identity-token") { HelpName = "TOKEN", Description = "OIDC identity token for Fulcio (never printed)", Required = true };

    /// <summary>The output bundle.</summary>
    public readonly Option<string> Bundle = new("--bundle") { HelpName = "OUT.sigstore.json", Description = "Where to write the Sigstore bundle v0.3", Required = true };

    /// <summary>The conformance suite's staging switch.</summary>
    public readonly Option<bool> Staging = new("--staging") { Description = "Sigstore staging instance (requires --signing-config: no staging URLs are built in)" };

    /// <summary>Trust root (accepted for the protocol; signing needs only the signing config).</summary>
    public readonly Option<string?> TrustedRoot = new("--trusted-root") { HelpName = "TR.json", Description = "Trusted root of the instance (accepted per the conformance protocol; the bundle is verified with verify-bundle)" };

    /// <summary>The signing config.</summary>
    public readonly Option<string?> SigningConfig = new("--signing-config") { HelpName = "SC.json", Description = "Sigstore signing config v0.1/v0.2 naming Fulcio, Rekor and TSAs (default: public-good)" };

    private static readonly HttpClient Http = new();

    /// <summary>Creates the command.</summary>
    public SignBundleCommand()
        : base("sign-bundle", "Sign a file keylessly into a Sigstore bundle v0.3 (Fulcio, Rekor hashedrekord, RFC 3161)")
    {
        Arguments.Add(Artifact);
        Options.Add(InToto);
        Options.Add(Token);
        Options.Add(Bundle);
        Options.Add(Staging);
        Options.Add(TrustedRoot);
        Options.Add(SigningConfig);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        var identity = await SignBundleOperation.ExecuteAsync(new SignBundleRequest
        {
            ArtifactPath = parse.GetValue(Artifact)!,
            BundlePath = parse.GetValue(Bundle)!,
            IdentityToken = parse.GetValue(Token)!,
            SigningConfigPath = parse.GetValue(SigningConfig),
            Staging = parse.GetValue(Staging),
            InToto = parse.GetValue(InToto),
        }, Http, cancellationToken).ConfigureAwait(false);
        parse.InvocationConfiguration.Output.WriteLine($"OK: signed as {identity}; Sigstore bundle {parse.GetValue(Bundle)}");
        return ExitCodes.Success;
    }
}
