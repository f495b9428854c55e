using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cilock.Operations.Inspection;

/// <summary>The result of <see cref="InspectOperation"/>: what a file contains, without verifying anything.</summary>
/// <param name="Path">The inspected file.</param>
/// <param name="Kind">The detected file kind.</param>
/// <param name="Envelopes">The envelopes (one for a bare statement).</param>
public sealed record InspectionReport(string Path, EvidenceFileKind Kind, IReadOnlyList<InspectedEnvelope> Envelopes)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The machine-readable form printed by <c>cilock inspect --format json</c> (stable member names).</summary>
    public JsonObject ToJson()
    {
        var envelopes = new JsonArray();
        foreach (var e in Envelopes)
        {
            var item = new JsonObject
            {
                ["line"] = e.Line,
                ["payloadType"] = e.PayloadType,
                ["payloadLength"] = e.PayloadLength,
                ["signatures"] = new JsonArray([.. e.Signatures.Select(SignatureJson)]),
            };
            if (e.Statement is { } s)
            {
                item["statement"] = StatementJson(s);
            }

            if (e.PayloadError is not null)
            {
                item["payloadError"] = e.PayloadError;
            }

            envelopes.Add(item);
        }

        return new JsonObject
        {
            ["path"] = Path,
            ["kind"] = Kind switch
            {
                EvidenceFileKind.Envelope => "envelope",
                EvidenceFileKind.JsonLines => "jsonl",
                _ => "statement",
            },
            ["envelopes"] = envelopes,
        };
    }

    /// <summary>The JSON form as indented text.</summary>
    public string ToJsonString() => ToJson().ToJsonString(Indented);

    private static JsonObject SignatureJson(SignatureSummary s)
    {
        var o = new JsonObject { ["keyid"] = s.KeyId };
        if (s.CertificateSubject is not null)
        {
            o["certificate"] = new JsonObject
            {
                ["subject"] = s.CertificateSubject,
                ["issuer"] = s.CertificateIssuer,
                ["notBefore"] = s.CertificateNotBefore?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["notAfter"] = s.CertificateNotAfter?.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        o["intermediates"] = s.IntermediateCount;
        o["timestamps"] = s.TimestampCount;
        return o;
    }

    private static JsonObject StatementJson(StatementSummary s)
    {
        var subjects = new JsonArray();
        foreach (var subject in s.Subjects)
        {
            var digest = new JsonObject();
            foreach (var (alg, value) in subject.Digest)
            {
                digest[alg] = value;
            }

            subjects.Add(new JsonObject { ["name"] = subject.Name, ["digest"] = digest });
        }

        var o = new JsonObject
        {
            ["type"] = s.Type,
            ["predicateType"] = s.PredicateType,
            ["subjects"] = subjects,
        };
        if (s.Collection is { } c)
        {
            o["collection"] = new JsonObject
            {
                ["name"] = c.Name,
                ["attestations"] = new JsonArray([.. c.Entries.Select(entry => (JsonNode)new JsonObject
                {
                    ["type"] = entry.Type,
                    ["starttime"] = entry.StartTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                    ["endtime"] = entry.EndTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                })]),
            };
        }

        return o;
    }
}
