using Cilock.Attestation.InToto;
using Cilock.Secrets.Findings;

namespace Cilock.Secrets.Redaction;

/// <summary>
/// Text to remove from recorded evidence (a detected secret, or the outermost encoded run that hides one) and the
/// marker that replaces it. Lives in memory only; <see cref="ToString"/> shows the marker, never the text.
/// </summary>
/// <param name="Text">The raw text as it appears in the scanned input.</param>
/// <param name="Marker">The replacement, e.g. <c>[REDACTED:github-pat:sha256=ab12cd34]</c>.</param>
internal readonly record struct RedactionTarget(string Text, string Marker)
{
    /// <summary>How many hex digits of the secret's digest the marker keeps (enough to match it to its finding).</summary>
    private const int DigestPrefix = 8;

    /// <summary>The marker for <paramref name="finding"/>: its rule and a digest prefix of the secret, never the value.</summary>
    public static string MarkerFor(SecretFinding finding)
    {
        var (algorithm, value) = finding.Secret.Sha256Hex is { } sha256
            ? (DigestSet.Sha256, sha256)
            : finding.Secret.FirstOrDefault() is { Key: not null } first ? (first.Key, first.Value) : ("none", "");
        return $"[REDACTED:{finding.RuleId}:{algorithm}={value[..Math.Min(DigestPrefix, value.Length)]}]";
    }

    /// <inheritdoc />
    public override string ToString() => Marker;
}
