using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Operations.Verification;

/// <summary>Renders a <see cref="VerifyResult"/> as the JSON verdict (policy.md §6 + <c>reasons[]</c>, <c>policyDigest</c>) or as text.</summary>
public static class VerifyReport
{
    private static readonly JsonWriterOptions Writer = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON verdict: <c>passed</c>, <c>step</c>, <c>matchedSubject</c>, <c>observedSubjectName</c>, <c>reasons</c>, <c>policyDigest</c>, <c>steps</c>.</summary>
    public static string ToJson(VerifyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Writer))
        {
            var v = result.Verification;
            w.WriteStartObject();
            w.WriteBoolean("passed", result.Passed);
            if (v?.MatchedStep is { } step)
            {
                w.WriteString("step", step);
                w.WriteString("matchedSubject", v.MatchedSubject);
                w.WriteString("observedSubjectName", v.ObservedSubjectName);
            }

            w.WriteStartArray("reasons");
            foreach (var d in result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
            {
                w.WriteStringValue($"{d.Code}: {d.Message}");
            }

            w.WriteEndArray();
            if (v is not null)
            {
                w.WriteString("policyDigest", v.PolicyDigest);
                w.WriteStartArray("steps");
                foreach (var s in v.Steps.Concat(v.Externals))
                {
                    w.WriteStartObject();
                    w.WriteString("name", s.Name);
                    w.WriteBoolean("passed", s.Passed);
                    w.WriteStartArray("passedCollections");
                    foreach (var c in s.PassedCollections)
                    {
                        w.WriteStringValue(c);
                    }

                    w.WriteEndArray();
                    w.WriteStartArray("rejections");
                    foreach (var r in s.Rejections)
                    {
                        w.WriteStartObject();
                        w.WriteString("reference", r.Reference);
                        w.WriteString("code", r.Reason.Code);
                        w.WriteString("message", r.Reason.Message);
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
            }

            w.WriteStartArray("diagnostics");
            foreach (var d in result.Diagnostics.Where(d => d.Severity != DiagnosticSeverity.Error))
            {
                w.WriteStringValue(d.ToCanonicalString());
            }

            w.WriteEndArray();
            if (result.VsaPath is { } vsa)
            {
                w.WriteString("vsa", vsa);
            }

            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Human text: one line per step (PASS, or FAIL with every rejected candidate and its reason), then the verdict.</summary>
    public static string ToText(VerifyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var sb = new StringBuilder();
        if (result.Verification is { } v)
        {
            foreach (var s in v.Steps.Concat(v.Externals))
            {
                if (s.Passed)
                {
                    sb.Append("PASS  step ").Append(s.Name).Append(": ").AppendJoin(", ", s.PassedCollections).AppendLine();
                    continue;
                }

                sb.Append("FAIL  step ").Append(s.Name).AppendLine();
                foreach (var r in s.Rejections)
                {
                    sb.Append("      ").Append(r.Reference is null ? string.Empty : r.Reference + ": ").Append(r.Reason.Code).Append(' ').AppendLine(r.Reason.Message);
                }
            }

            if (v.MatchedStep is not null)
            {
                sb.Append("artifact ").Append(v.MatchedSubject).Append(" bound by step ").Append(v.MatchedStep).Append(" as ").AppendLine(v.ObservedSubjectName);
            }

            sb.Append("policy sha256:").AppendLine(v.PolicyDigest);
        }

        if (result.VsaPath is { } vsa)
        {
            sb.Append("verification summary written to ").AppendLine(vsa);
        }

        sb.AppendLine(result.Passed ? "verification PASSED" : "verification FAILED");
        return sb.ToString();
    }
}
