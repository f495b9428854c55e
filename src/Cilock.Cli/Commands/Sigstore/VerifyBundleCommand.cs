using System.CommandLine;
using Cilock.Cli.Hosting;
using Cilock.Cli.Rendering;
using Cilock.Sigstore.Verification;

namespace Cilock.Cli.Commands.Sigstore;

/// <summary>
/// <c>cilock verify-bundle --bundle B.json (--key PUB.pem | --certificate-identity ID --certificate-oidc-issuer ISS |
/// --certificate-identity-regexp RE) [--trusted-root TR.json] (FILE | sha256:HEX)</c>, following the Sigstore
/// conformance client protocol. Exit 0 verified, 1 not verified (one coded line), 2 usage or unreadable input.
/// </summary>
internal sealed class VerifyBundleCommand : Command
{
    /// <summary>The artifact file or digest.</summary>
    public readonly Argument<string> Artifact = new("artifact")
    {
        HelpName = "FILE|sha256:HEX",
        Description = "The signed artifact, or its digest as sha256:HEX",
    };

    /// <summary>The bundle.</summary>
    public readonly Option<string> Bundle = new("--bundle") { HelpName = "B.json", Description = "Sigstore bundle (v0.1-v0.3)", Required = true };

    /// <summary>Managed key.</summary>
    public readonly Option<string?> Key = new("--key") { HelpName = "PUB.pem", Description = "Public key of a keyed bundle" };

    /// <summary>Exact identity.</summary>
    public readonly Option<string?> Identity = new("--certificate-identity") { HelpName = "ID", Description = "Expected certificate identity (SAN), exact" };

    /// <summary>Identity pattern.</summary>
    public readonly Option<string?> IdentityRegex = new("--certificate-identity-regexp") { HelpName = "RE", Description = "Regular expression a certificate identity must match" };

    /// <summary>Expected issuer.</summary>
    public readonly Option<string?> Issuer = new("--certificate-oidc-issuer") { HelpName = "ISS", Description = "Expected OIDC issuer, exact" };

    /// <summary>Issuer pattern.</summary>
    public readonly Option<string?> IssuerRegex = new("--certificate-oidc-issuer-regexp") { HelpName = "RE", Description = "Regular expression the OIDC issuer must match" };

    /// <summary>Custom trust root.</summary>
    public readonly Option<string?> TrustedRoot = new("--trusted-root") { HelpName = "TR.json", Description = "Trusted root (default: the embedded Sigstore public-good root)" };

    /// <summary>The conformance suite's staging switch (accepted only with --trusted-root).</summary>
    public readonly Option<bool> Staging = new("--staging") { Description = "Sigstore staging instance (requires --trusted-root: no staging root is embedded)" };

    /// <summary>TUF repository for the trusted root.</summary>
    public readonly Option<string?> TufUrl = new("--tuf-url") { HelpName = "URL", Description = "Fetch trusted_root.json from this TUF repository (verified; cached for offline use)" };

    /// <summary>The TUF trust anchor.</summary>
    public readonly Option<string?> TufRoot = new("--tuf-root") { HelpName = "root.json", Description = "Trusted initial root.json of the TUF repository (embedded for https://tuf-repo-cdn.sigstore.dev)" };

    /// <summary>The TUF cache folder.</summary>
    public readonly Option<string?> TufCache = new("--tuf-cache") { HelpName = "DIR", Description = "TUF cache folder (default: $CILOCK_HOME/tuf/HOST)" };

    private static readonly HttpClient Http = new();

    /// <summary>Creates the command.</summary>
    public VerifyBundleCommand()
        : base("verify-bundle", "Verify a Sigstore bundle offline (signature, transparency log, timestamps, certificate, identity)")
    {
        Arguments.Add(Artifact);
        Options.Add(Bundle);
        Options.Add(Key);
        Options.Add(Identity);
        Options.Add(IdentityRegex);
        Options.Add(Issuer);
        Options.Add(IssuerRegex);
        Options.Add(TrustedRoot);
        Options.Add(Staging);
        Options.Add(TufUrl);
        Options.Add(TufRoot);
        Options.Add(TufCache);
        SetAction(ExecuteAsync);
    }

    private async Task<int> ExecuteAsync(ParseResult parse, CancellationToken cancellationToken)
    {
        if (parse.GetValue(Staging) && parse.GetValue(TrustedRoot) is null)
        {
            DiagnosticWriter.Error(parse.InvocationConfiguration.Error, SigstoreDiagnostics.UsageInvalid, "--staging needs --trusted-root (no staging root is embedded)");
            return ExitCodes.UsageOrInputError;
        }

        Uri? tufUrl = null;
        if (parse.GetValue(TufUrl) is { } text && (!Uri.TryCreate(text, UriKind.Absolute, out tufUrl) || tufUrl.Scheme is not ("http" or "https")))
        {
            DiagnosticWriter.Error(parse.InvocationConfiguration.Error, SigstoreDiagnostics.UsageInvalid, $"--tuf-url '{text}' is not an http(s) URL");
            return ExitCodes.UsageOrInputError;
        }

        var result = await VerifyBundleOperation.ExecuteAsync(new VerifyBundleRequest
        {
            BundlePath = parse.GetValue(Bundle)!,
            Artifact = parse.GetValue(Artifact)!,
            KeyPath = parse.GetValue(Key),
            CertificateIdentity = parse.GetValue(Identity),
            CertificateIdentityRegex = parse.GetValue(IdentityRegex),
            CertificateOidcIssuer = parse.GetValue(Issuer),
            CertificateOidcIssuerRegex = parse.GetValue(IssuerRegex),
            TrustedRootPath = parse.GetValue(TrustedRoot),
            TufUrl = tufUrl,
            TufRootPath = parse.GetValue(TufRoot),
            TufCacheDirectory = parse.GetValue(TufCache),
        }, Http, cancellationToken).ConfigureAwait(false);

        foreach (var warning in result.Warnings)
        {
            DiagnosticWriter.Write(parse.InvocationConfiguration.Error, warning);
        }

        if (!result.IsVerified)
        {
            DiagnosticWriter.Write(parse.InvocationConfiguration.Error, result.Failure!);
            return ExitCodes.CheckFailed;
        }

        var signer = result.Certificate is null ? "the given key" : $"{string.Join(", ", result.Identities)} (issuer {result.Issuer})";
        var times = result.VerifiedTimes.Count == 0 ? "" : $" at {string.Join(", ", result.VerifiedTimes.Select(t => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)))}";
        parse.InvocationConfiguration.Output.WriteLine($"OK: verified, signed by {signer}{times}");
        return ExitCodes.Success;
    }
}
