using Cilock.Operations.Keyless;
using Cilock.Operations.Recording;
using Microsoft.Build.Framework;

namespace Cilock.Sdk.Tasks;

// Keyless Sigstore signing: CilockSigning and the Sigstore endpoints; the informational "signed keyless as …" note.
public sealed partial class CilockRecordStep
{
    /// <summary><c>auto</c> (default: keyless in CI when no key is configured), <c>key</c> or <c>keyless</c>.</summary>
    public string? Signing { get; set; }

    /// <summary>Fulcio base URL; empty = public-good.</summary>
    public string? FulcioUrl { get; set; }

    /// <summary>Rekor base URL; empty = public-good; <c>none</c> = no transparency log.</summary>
    public string? RekorUrl { get; set; }

    /// <summary>Semicolon list of RFC 3161 endpoints; empty = public-good.</summary>
    public string? TimestampUrls { get; set; }

    /// <summary>Rekor entry type for envelopes: <c>intoto</c> (default) or <c>dsse</c>.</summary>
    public string? RekorEntryKind { get; set; }

    /// <summary>File holding the OIDC identity token; empty = the CI platform's token.</summary>
    public string? IdentityTokenFile { get; set; }

    /// <summary>The Sigstore bundle written next to the envelope when the step was signed keyless, else empty.</summary>
    [Output]
    public string SigstoreBundleFile { get; set; } = "";

    private StepRecordingOptions WithKeyless(StepRecordingOptions options) => options with
    {
        Keyless = new KeylessSigningSettings
        {
            Mode = KeylessSigningSettings.ParseMode(Signing),
            FulcioUrl = Blank(FulcioUrl),
            RekorUrl = string.Equals(RekorUrl?.Trim(), "none", StringComparison.OrdinalIgnoreCase) ? null : Blank(RekorUrl),
            NoTransparencyLog = string.Equals(RekorUrl?.Trim(), "none", StringComparison.OrdinalIgnoreCase),
            TimestampUrls = SplitList(TimestampUrls),
            RekorEntryKind = Blank(RekorEntryKind),
            IdentityTokenFile = Blank(IdentityTokenFile) is { } file ? Path.GetFullPath(file, options.ProjectDirectory) : null,
        },
    };

    private void ReportKeyless(StepRecordingResult result)
    {
        if (result.EnvelopePath is not null && result.Diagnostics.Any(d => d.Code == Sigstore.Signing.KeylessDiagnostics.KeylessSigned))
        {
            SigstoreBundleFile = Sigstore.Signing.KeylessSigner.BundlePathFor(result.EnvelopePath);
            foreach (var note in result.Diagnostics.Where(d => d.Code == Sigstore.Signing.KeylessDiagnostics.KeylessSigned))
            {
                Log.LogMessage(MessageImportance.High, $"Cilock: step '{StepName}' {note.Message}");
            }
        }
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
