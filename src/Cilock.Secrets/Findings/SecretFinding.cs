using System.Text.Json.Nodes;
using Cilock.Attestation.InToto;

namespace Cilock.Secrets.Findings;

/// <summary>
/// One detected secret in the secretscan shape (spec attestors.md §9). It never holds the raw secret: only its digest
/// set and the truncated <see cref="Match"/> context.
/// </summary>
/// <param name="RuleId">Lower-case rule id, or <c>witness-env-value-KEY</c> / <c>witness-encoded-env-value-KEY</c>.</param>
/// <param name="Description">The rule description.</param>
/// <param name="Location"><c>attestation:NAME</c>, <c>product:PATH</c>, or a file path for the CLI.</param>
/// <param name="StartLine">1-based line in the scanned text (of the encoded run for decoded findings).</param>
/// <param name="Secret">Digest set of the secret string.</param>
/// <param name="Match">Truncated context (see <see cref="MatchRedactor"/>), or <c>null</c>.</param>
/// <param name="Entropy">Shannon entropy of the secret, or 0 when not computed.</param>
/// <param name="EncodingPath">Decoding layers, outermost first (<c>base64</c>, <c>hex</c>, <c>url</c>); empty for literal findings.</param>
/// <param name="LocationApproximate">True for findings inside decoded content.</param>
public sealed record SecretFinding(
    string RuleId,
    string Description,
    string Location,
    int StartLine,
    DigestSet Secret,
    string? Match,
    double Entropy,
    IReadOnlyList<string> EncodingPath,
    bool LocationApproximate)
{
    /// <summary>The finding as a secretscan JSON object (empty members omitted, like the Go <c>omitempty</c> tags).</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["ruleId"] = RuleId,
            ["description"] = Description,
            ["location"] = Location,
            ["startLine"] = StartLine,
            ["secret"] = DigestJson(Secret),
        };
        if (!string.IsNullOrEmpty(Match))
        {
            json["match"] = Match;
        }

        if (Entropy > 0)
        {
            json["entropy"] = Math.Round(Entropy, 6);
        }

        if (EncodingPath.Count > 0)
        {
            json["encodingPath"] = new JsonArray([.. EncodingPath.Select(e => (JsonNode)JsonValue.Create(e))]);
        }

        if (LocationApproximate)
        {
            json["locationApproximate"] = true;
        }

        return json;
    }

    /// <summary>A log-safe one-line summary: rule, location, line and secret hash; never the value.</summary>
    public override string ToString() =>
        $"{RuleId} at {Location}:{StartLine} (sha256:{Secret.Sha256Hex ?? Secret.FirstOrDefault().Value})";

    private static JsonObject DigestJson(DigestSet digest)
    {
        var json = new JsonObject();
        foreach (var (algorithm, value) in digest)
        {
            json[algorithm] = value;
        }

        return json;
    }
}
