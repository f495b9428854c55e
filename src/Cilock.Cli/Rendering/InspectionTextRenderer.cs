using System.Globalization;
using Cilock.Operations.Inspection;

namespace Cilock.Cli.Rendering;

/// <summary>Renders an <see cref="InspectionReport"/> for a terminal.</summary>
internal static class InspectionTextRenderer
{
    /// <summary>Writes the report.</summary>
    public static void Write(TextWriter w, InspectionReport report)
    {
        var kind = report.Kind switch
        {
            EvidenceFileKind.Envelope => "DSSE envelope",
            EvidenceFileKind.JsonLines => $"JSON lines, {report.Envelopes.Count} envelope(s)",
            _ => "unsigned in-toto statement",
        };
        w.WriteLine($"{report.Path}: {kind}");
        foreach (var e in report.Envelopes)
        {
            var indent = "  ";
            if (report.Kind == EvidenceFileKind.JsonLines)
            {
                w.WriteLine($"line {e.Line}:");
                indent = "    ";
            }

            if (e.PayloadType is not null)
            {
                w.WriteLine($"{indent}payload type: {e.PayloadType} ({e.PayloadLength} bytes)");
                w.WriteLine($"{indent}signatures:   {e.Signatures.Count} (not verified; use 'cilock verify-signature')");
                foreach (var s in e.Signatures)
                {
                    w.WriteLine($"{indent}  - keyid {(s.KeyId.Length > 0 ? s.KeyId : "(none)")}");
                    if (s.CertificateSubject is not null)
                    {
                        w.WriteLine($"{indent}    certificate: {s.CertificateSubject}; issuer {s.CertificateIssuer}; valid {Time(s.CertificateNotBefore)} to {Time(s.CertificateNotAfter)}");
                    }

                    if (s.IntermediateCount > 0 || s.TimestampCount > 0)
                    {
                        w.WriteLine($"{indent}    intermediates: {s.IntermediateCount}, timestamps: {s.TimestampCount}");
                    }
                }
            }

            if (e.PayloadError is not null)
            {
                w.WriteLine($"{indent}payload: not an in-toto statement ({e.PayloadError})");
            }

            if (e.Statement is not { } st)
            {
                continue;
            }

            w.WriteLine($"{indent}statement:    {st.Type}");
            w.WriteLine($"{indent}predicate:    {st.PredicateType}");
            w.WriteLine($"{indent}subjects:     {st.Subjects.Count}");
            foreach (var subject in st.Subjects)
            {
                w.WriteLine($"{indent}  - {subject.Name}");
                foreach (var (alg, value) in subject.Digest)
                {
                    w.WriteLine($"{indent}      {alg}: {value}");
                }
            }

            if (st.Collection is { } c)
            {
                w.WriteLine($"{indent}collection:   {c.Name}");
                w.WriteLine($"{indent}attestations: {c.Entries.Count}");
                foreach (var entry in c.Entries)
                {
                    var ms = (entry.EndTime - entry.StartTime).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
                    w.WriteLine($"{indent}  - {entry.Type}  {Time(entry.StartTime)} .. {Time(entry.EndTime)} ({ms} ms)");
                }
            }
        }
    }

    private static string Time(DateTimeOffset? t) =>
        t?.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) ?? "?";
}
