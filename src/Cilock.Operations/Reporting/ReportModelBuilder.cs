using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;

namespace Cilock.Operations.Reporting;

/// <summary>
/// Extracts the report model from envelopes. Evidence is attacker-controlled input: every member is read
/// defensively (wrong shapes are skipped, never thrown), and nothing here trusts a signature — the page says so.
/// </summary>
internal static class ReportModelBuilder
{
    private const string VsaType = "https://slsa.dev/verification_summary/v1";

    public static void AddEnvelope(ReportModel model, string reference, DsseEnvelope envelope, ICollection<Diagnostic> diagnostics)
    {
        JsonNode? statement;
        try
        {
            statement = JsonNode.Parse(envelope.Payload);
        }
        catch (JsonException)
        {
            diagnostics.Add(Diagnostic.Warning(Attestation.Attestors.Ci.CiDiagnostics.ReportInputInvalid, "payload is not JSON, skipped", reference));
            return;
        }

        var predicateType = Text(statement?["predicateType"]);
        if (predicateType == VsaType)
        {
            model.Verdict = Verdict(statement!["predicate"]);
            return;
        }

        if (!AttestationTypes.IsCollection(predicateType))
        {
            return;
        }

        AttestationCollection collection;
        try
        {
            collection = CollectionReader.Read(envelope.Payload).Collection;
        }
        catch (CilockException e)
        {
            diagnostics.Add(Diagnostic.Warning(e.Code, $"not a readable collection, skipped: {e.Message}", reference));
            return;
        }

        var step = new ReportStep { Name = collection.Name, Reference = reference, PredicateType = predicateType };
        foreach (var signature in envelope.Signatures)
        {
            step.Signers.Add((signature.KeyId, Identity(signature.CertificatePem)));
        }

        foreach (var entry in collection.Entries)
        {
            step.AttestationTypes.Add(entry.Type);
            step.Start = step.Start is { } s && s < entry.StartTime ? s : entry.StartTime;
            step.End = step.End is { } e && e > entry.EndTime ? e : entry.EndTime;
            try
            {
                AddEntry(step, entry);
            }
            catch (Exception ex) when (ex is CilockException or JsonException or InvalidOperationException or FormatException or KeyNotFoundException)
            {
                diagnostics.Add(Diagnostic.Warning(Attestation.Attestors.Ci.CiDiagnostics.ReportInputInvalid, $"attestation {entry.Type} of step '{collection.Name}' is malformed and is not shown: {ex.Message}", reference));
            }
        }

        model.Steps.Add(step);
    }

    /// <summary>A verification summary given on its own (bare statement or envelope).</summary>
    public static ReportVerdict? ReadVsa(byte[] bytes)
    {
        var node = JsonNode.Parse(bytes);
        if (node?["payload"] is JsonValue && node["payloadType"] is JsonValue)
        {
            node = JsonNode.Parse(DsseEnvelope.Parse(bytes).Payload);
        }

        return Text(node?["predicateType"]) == VsaType ? Verdict(node!["predicate"]) : null;
    }

    /// <summary>Edges between steps: a product of one step is a material of another (same file digest).</summary>
    public static void Link(ReportModel model)
    {
        for (var i = 0; i < model.Steps.Count; i++)
        {
            var products = model.Steps[i].Products.Select(p => p.Digest).Where(d => d.Length > 0).ToHashSet(StringComparer.Ordinal);
            for (var j = 0; j < model.Steps.Count; j++)
            {
                var shared = i == j ? 0 : model.Steps[j].Materials.Count(m => products.Contains(m.Digest));
                if (shared > 0)
                {
                    model.Edges.Add((i, j, shared));
                }
            }
        }
    }

    private static void AddEntry(ReportStep step, CollectionEntry entry)
    {
        var type = entry.ResolvedType;
        var a = entry.Attestation;
        var name = type.TrimEnd('/').Split('/') is { Length: >= 2 } parts ? parts[^2] : type;
        if (type is "https://cyclonedx.org/bom" or "https://spdx.dev/Document" || name == "sbom")
        {
            AddSbom(step, a);
            return;
        }

        switch (name)
        {
            case "material":
                // v0.3 (Merkle tree) decoders list every leaf in Files already: reading the leaves too counted each twice.
                foreach (var (path, digest) in entry.AsMaterial()?.Files ?? new Dictionary<string, Attestation.InToto.DigestSet>())
                {
                    step.Materials.Add((path, digest.Sha256Hex ?? ""));
                }

                break;
            case "product":
                foreach (var (path, file) in entry.AsProduct()?.Files ?? new Dictionary<string, Attestation.Attestors.ProductFile>())
                {
                    step.Products.Add((path, file.Digest.Sha256Hex ?? ""));
                }

                break;
            case "command-run":
                var run = entry.AsCommandRun();
                if (run is not null)
                {
                    step.Command = string.Join(' ', run.Cmd);
                    step.ExitCode = run.ExitCode;
                    if (run.Processes.Count > 0)
                    {
                        step.Trace = (
                            run.Processes.Count,
                            run.Processes.Sum(p => p.OpenedFiles.Count),
                            run.Processes.Sum(p => p.WrittenFiles.Count),
                            run.Processes.Sum(p => p.Connections?.Count ?? 0),
                            run.Processes.Sum(p => p.SyscallEvents?.Count ?? 0),
                            [.. run.Processes.Select(p => p.Program ?? p.Comm ?? "").Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).Take(50)]);
                    }
                }

                break;
            case "github" or "gitlab" or "azure-pipelines":
                step.Ci.Add(("platform", name));
                foreach (var key in new[] { "pipelinename", "pipelineurl", "projecturl", "jobname", "ref", "sha", "actor", "eventname", "runnerid" })
                {
                    if (Text(a?[key]) is { Length: > 0 } value)
                    {
                        step.Ci.Add((key, value));
                    }
                }

                if (a?["jwt"]?["claims"] is JsonObject claims)
                {
                    foreach (var key in new[] { "iss", "sub", "repository", "workflow_ref", "ref" })
                    {
                        if (Text(claims[key]) is { Length: > 0 } value)
                        {
                            step.Ci.Add(("oidc " + key, value));
                        }
                    }
                }

                break;
            case "git":
                foreach (var key in new[] { "commithash", "branch", "author", "commitmessage" })
                {
                    if (Text(a?[key]) is { Length: > 0 } value)
                    {
                        step.Git.Add((key, value));
                    }
                }

                break;
            case "sarif":
                AddSarif(step, a?["report"]);
                break;
            case "test-results":
                var summary = a?["predicate"]?["summary"];
                if (summary is JsonObject)
                {
                    step.Tests = (Int(summary["total"]), Int(summary["passed"]), Int(summary["failed"]), Int(summary["skipped"]));
                    foreach (var failed in (a!["predicate"]!["failedTests"] as JsonArray ?? []).Take(200))
                    {
                        step.FailedTests.Add((Text(failed?["name"]), Text(failed?["message"])));
                    }
                }

                break;
            case "secretscan":
                foreach (var finding in (a?["findings"] as JsonArray ?? []).Take(500))
                {
                    // Hashes only: the truncated `match` context is never shown.
                    step.Secrets.Add((Text(finding?["ruleId"]), Text(finding?["location"]), Int(finding?["startLine"]), Text(finding?["secret"]?["sha256"])));
                }

                break;
        }
    }

    private static void AddSbom(ReportStep step, JsonNode? document)
    {
        foreach (var c in (document?["components"] as JsonArray ?? []).Take(2000))
        {
            step.Components.Add((Text(c?["name"]), Text(c?["version"]), Text(c?["purl"])));
        }

        foreach (var p in (document?["packages"] as JsonArray ?? []).Take(2000))
        {
            var purl = (p?["externalRefs"] as JsonArray ?? []).FirstOrDefault(r => Text(r?["referenceType"]) == "purl");
            step.Components.Add((Text(p?["name"]), Text(p?["versionInfo"]), Text(purl?["referenceLocator"])));
        }
    }

    private static void AddSarif(ReportStep step, JsonNode? log)
    {
        foreach (var run in log?["runs"] as JsonArray ?? [])
        {
            foreach (var result in (run?["results"] as JsonArray ?? []).Take(2000))
            {
                var location = result?["locations"]?[0]?["physicalLocation"];
                var where = Text(location?["artifactLocation"]?["uri"]);
                if (Int(location?["region"]?["startLine"]) is > 0 and var line)
                {
                    where += ":" + line;
                }

                step.SarifResults.Add((Text(result?["ruleId"]), Text(result?["level"]) is { Length: > 0 } l ? l : "warning", Text(result?["message"]?["text"]), where));
            }
        }
    }

    private static ReportVerdict Verdict(JsonNode? predicate)
    {
        var verdict = new ReportVerdict
        {
            Result = Text(predicate?["verificationResult"]),
            PolicyDigest = Text(predicate?["policy"]?["digest"]?["sha256"]),
            TimeVerified = Text(predicate?["timeVerified"]),
            Resource = Text(predicate?["resourceUri"]),
        };
        foreach (var reason in predicate?["denyReasons"] as JsonArray ?? [])
        {
            verdict.Reasons.Add((Text(reason?["collection_name"]), Text(reason?["message"])));
        }

        return verdict;
    }

    private static string Identity(string? pem)
    {
        if (string.IsNullOrWhiteSpace(pem))
        {
            return "";
        }

        try
        {
            using var cert = X509Certificate2.CreateFromPem(pem);
            var san = cert.GetNameInfo(X509NameType.EmailName, false) is { Length: > 0 } email ? email : cert.GetNameInfo(X509NameType.UrlName, false);
            return $"{(san.Length > 0 ? san : cert.Subject)} (issued by {cert.GetNameInfo(X509NameType.SimpleName, true)}, valid {cert.NotBefore.ToUniversalTime():u} – {cert.NotAfter.ToUniversalTime():u})";
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return "unreadable certificate";
        }
    }

    private static string Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "";

    private static int Int(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) ? (int)d : 0;
}
