using System.CommandLine;
using Cilock.Attestation.Diagnostics;
using Cilock.Operations.Keyless;
using Cilock.Sigstore.Signing;

namespace Cilock.Cli.Commands.Run;

/// <summary>
/// Keyless signing options of <c>cilock run</c>: <c>--keyless</c> / <c>--signing</c>, the Sigstore endpoints and the
/// identity token source. Without them, <c>run</c> signs keyless only when no <c>--key</c> is given and the CI job
/// exposes an identity token (GitHub Actions with <c>id-token: write</c>, <c>SIGSTORE_ID_TOKEN</c>, Azure Pipelines).
/// </summary>
internal sealed class KeylessRunOptions
{
    private readonly Option<bool> _keyless = new("--keyless")
    {
        Description = "Sign keyless with a Fulcio certificate for the CI identity token, timestamped and logged in Rekor (same as --signing keyless)",
    };

    private readonly Option<string?> _signing = new("--signing")
    {
        Description = "auto (default: keyless in CI when no --key is given), key, or keyless",
    };

    private readonly Option<string?> _fulcio = new("--fulcio-url") { Description = $"Fulcio base URL (default {SigstoreUrls.PublicGoodFulcio})" };

    private readonly Option<string?> _rekor = new("--rekor-url") { Description = $"Rekor base URL (default {SigstoreUrls.PublicGoodRekor})" };

    private readonly Option<bool> _noTlog = new("--no-tlog") { Description = "Do not upload to a transparency log (a timestamp is then the only proof of signing time)" };

    private readonly Option<string[]> _timestamp = new("--timestamp-url")
    {
        Description = $"RFC 3161 time-stamping authority for keyless signing (repeatable; default {SigstoreUrls.PublicGoodTimestampAuthority})",
    };

    private readonly Option<string?> _entryKind = new("--rekor-entry-kind") { Description = "Rekor entry type for the envelope: intoto (default) or dsse" };

    private readonly Option<string?> _tokenFile = new("--identity-token-file") { Description = "File holding the OIDC identity token (default: the CI platform's token)" };

    private readonly Option<string?> _token = new("--identity-token")
    {
        Description = "The OIDC identity token itself (prefer --identity-token-file or SIGSTORE_ID_TOKEN: arguments are visible to other processes)",
    };

    /// <summary>Adds the options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in (Option[])[_keyless, _signing, _fulcio, _rekor, _noTlog, _timestamp, _entryKind, _tokenFile, _token])
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The settings given on the command line.</summary>
    /// <exception cref="CilockException">CIL6109 for an unknown <c>--signing</c> value or <c>--keyless</c> with <c>--signing key</c>.</exception>
    public KeylessSigningSettings ToSettings(ParseResult parse)
    {
        var mode = KeylessSigningSettings.ParseMode(parse.GetValue(_signing));
        if (parse.GetValue(_keyless))
        {
            mode = mode == SigningMode.Key
                ? throw new CilockException(KeylessDiagnostics.InvalidOptions, "--keyless contradicts --signing key")
                : SigningMode.Keyless;
        }

        return new KeylessSigningSettings
        {
            Mode = mode,
            FulcioUrl = parse.GetValue(_fulcio),
            RekorUrl = parse.GetValue(_rekor),
            NoTransparencyLog = parse.GetValue(_noTlog),
            TimestampUrls = parse.GetValue(_timestamp) ?? [],
            RekorEntryKind = parse.GetValue(_entryKind),
            IdentityTokenFile = parse.GetValue(_tokenFile),
            IdentityToken = parse.GetValue(_token),
        };
    }

    /// <summary>Prints who signed keylessly and where the bundle went (informational diagnostics are otherwise silent).</summary>
    public static void Report(IEnumerable<Diagnostic> diagnostics, TextWriter error)
    {
        foreach (var note in diagnostics.Where(d => d.Code == KeylessDiagnostics.KeylessSigned))
        {
            error.WriteLine($"cilock: {note.Message}");
        }
    }
}
