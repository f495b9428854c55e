using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.Reports.Sarif;
using Cilock.Secrets.Findings;

namespace Cilock.Secrets.Sarif;

/// <summary>
/// Renders findings as a SARIF 2.1.0 log (one run, tool <c>cilock-secrets</c>). Results carry the rule, the location
/// (artifact URI + start line), the truncated match in the message and the secret's sha256 as a partial fingerprint,
/// so the log is as safe to publish as the evidence: no raw secret. The log is written with the SARIF 2.1.0 model of
/// <see cref="SarifDocument"/> (same <c>$schema</c>, member order and escaping as the compiler logs in the evidence).
/// </summary>
public static class SarifWriter
{
    /// <summary>The SARIF JSON text for <paramref name="findings"/>.</summary>
    public static string Write(IReadOnlyList<SecretFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var ruleIds = findings.Select(f => f.RuleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var rules = new JsonArray();
        foreach (var id in ruleIds)
        {
            var description = findings.First(f => f.RuleId == id).Description;
            rules.Add(new JsonObject
            {
                ["id"] = id,
                ["name"] = ToPascalCase(id),
                ["shortDescription"] = new JsonObject { ["text"] = description },
                ["fullDescription"] = new JsonObject { ["text"] = description },
                ["defaultConfiguration"] = new JsonObject { ["level"] = "error" },
                ["helpUri"] = "https://github.com/cilock/cilock-sdk/blob/main/docs/secrets.md",
            });
        }

        var results = new JsonArray();
        foreach (var finding in findings)
        {
            var result = new JsonObject
            {
                ["ruleId"] = finding.RuleId,
                ["ruleIndex"] = ruleIds.IndexOf(finding.RuleId),
                ["level"] = "error",
                ["message"] = new JsonObject { ["text"] = Message(finding) },
                ["locations"] = new JsonArray(new JsonObject
                {
                    ["physicalLocation"] = new JsonObject
                    {
                        ["artifactLocation"] = new JsonObject { ["uri"] = ToUri(finding.Location) },
                        ["region"] = new JsonObject { ["startLine"] = Math.Max(1, finding.StartLine) },
                    },
                }),
            };
            if (finding.Secret.Sha256Hex is { } sha)
            {
                result["partialFingerprints"] = new JsonObject { ["secretSha256/v1"] = sha };
            }

            if (finding.EncodingPath.Count > 0)
            {
                result["properties"] = new JsonObject
                {
                    ["encodingPath"] = new JsonArray([.. finding.EncodingPath.Select(e => (JsonNode)JsonValue.Create(e))]),
                    ["locationApproximate"] = finding.LocationApproximate,
                };
            }

            results.Add(result);
        }

        var run = new JsonObject
        {
            ["tool"] = new JsonObject
            {
                ["driver"] = new JsonObject
                {
                    ["name"] = "cilock-secrets",
                    ["informationUri"] = "https://github.com/cilock/cilock-sdk/blob/main/docs/secrets.md",
                    ["semanticVersion"] = Version(),
                    ["rules"] = rules,
                },
            },
            ["columnKind"] = "utf16CodeUnits",
            ["results"] = results,
        };
        return Encoding.UTF8.GetString(SarifDocument.Serialize(new JsonObject { ["runs"] = new JsonArray(run) }));
    }

    private static string Message(SecretFinding finding)
    {
        var text = $"{finding.Description} ({finding.RuleId})";
        if (finding.EncodingPath.Count > 0)
        {
            text += $", found after decoding {string.Join(" > ", finding.EncodingPath)}";
        }

        return finding.Match is null ? text + "." : $"{text}: {finding.Match}";
    }

    private static string ToUri(string location)
    {
        // Archive entries keep their "!/" separator; everything else becomes a relative, forward-slash URI.
        if (Path.IsPathFullyQualified(location))
        {
            return new Uri(location).AbsoluteUri;
        }

        var path = location.Replace('\\', '/');
        return string.Join('/', path.Split('/').Select(Uri.EscapeDataString)).Replace("%21", "!", StringComparison.Ordinal);
    }

    private static string ToPascalCase(string id) =>
        string.Concat(id.Split('-', '_', '.').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private static string Version()
    {
        var version = typeof(SarifWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
