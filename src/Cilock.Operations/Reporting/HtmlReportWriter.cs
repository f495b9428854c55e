using System.Globalization;
using System.Net;
using System.Text;

namespace Cilock.Operations.Reporting;

/// <summary>
/// Renders the report as one self-contained HTML page: inline CSS, a few lines of inline script, an inline SVG step
/// graph, a Content-Security-Policy that forbids every external load. Every evidence string goes through
/// <see cref="E"/> (HTML-encoded, also inside attributes); sections without evidence are left out.
/// </summary>
internal static class HtmlReportWriter
{
    private const int MaxRows = 500;

    private const string Css = """
        :root{--ok:#1a7f37;--bad:#cf222e;--mut:#57606a;--bd:#d0d7de}
        body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0 auto;max-width:1200px;padding:24px;color:#1f2328}
        h1{font-size:22px;margin:0 0 4px}h2{font-size:18px;border-bottom:1px solid var(--bd);padding-bottom:4px;margin-top:28px}
        h3{font-size:15px;margin:16px 0 6px}.mut{color:var(--mut)}code,.mono{font-family:ui-monospace,Consolas,monospace;font-size:12px;word-break:break-all}
        table{border-collapse:collapse;width:100%;margin:4px 0 10px}th,td{border:1px solid var(--bd);padding:3px 6px;text-align:left;vertical-align:top}
        th{background:#f6f8fa}.verdict{padding:10px 14px;border-radius:6px;font-weight:600;margin:12px 0}
        .PASSED{background:#dafbe1;color:var(--ok)}.FAILED{background:#ffebe9;color:var(--bad)}
        .step{border:1px solid var(--bd);border-radius:6px;padding:10px 14px;margin:14px 0}
        .badge{display:inline-block;border-radius:10px;padding:0 8px;background:#eaeef2;margin-right:4px;font-size:12px}
        .err{color:var(--bad)}svg text{font:12px system-ui,sans-serif}
        """;

    /// <summary>The page for <paramref name="model"/>.</summary>
    public static string Render(ReportModel model)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">");
        h.Append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">");
        h.Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        h.Append("<title>").Append(E(model.Title)).Append("</title><style>").Append(Css).Append("</style></head><body>");
        h.Append("<h1>").Append(E(model.Title)).Append("</h1>");
        h.Append("<p class=\"mut\">Evidence report by cilock. Signatures are not checked by this page: <code>cilock verify</code> decides; its verdict is shown when a verification summary was given.</p>");
        h.Append("<p class=\"mut\">Sources: ").Append(string.Join(", ", model.Sources.Select(s => "<code>" + E(s) + "</code>"))).Append("</p>");

        Verdict(h, model.Verdict);
        Graph(h, model);
        foreach (var note in model.Notes)
        {
            h.Append("<p class=\"mut\">").Append(E(note)).Append("</p>");
        }

        for (var i = 0; i < model.Steps.Count; i++)
        {
            Step(h, model.Steps[i], i);
        }

        // The script only marks the page as rendered (the browser test reads it) and collapses long tables.
        h.Append("<script>document.body.setAttribute('data-rendered','true');");
        h.Append("document.querySelectorAll('table[data-rows]').forEach(function(t){t.title=t.getAttribute('data-rows')+' rows';});</script>");
        h.Append("</body></html>\n");
        return h.ToString();
    }

    /// <summary>HTML-encodes text for element content and quoted attribute values.</summary>
    internal static string E(string? text) => WebUtility.HtmlEncode(text ?? "");

    private static void Verdict(StringBuilder h, ReportVerdict? verdict)
    {
        if (verdict is null)
        {
            return;
        }

        var css = verdict.Result is "PASSED" ? "PASSED" : "FAILED";
        h.Append("<h2 id=\"verdict\">Policy verdict</h2><div class=\"verdict ").Append(css).Append("\">Verification ").Append(E(verdict.Result)).Append("</div>");
        h.Append("<p>Policy sha256 <code>").Append(E(verdict.PolicyDigest)).Append("</code>, verified ").Append(E(verdict.TimeVerified));
        if (verdict.Resource.Length > 0)
        {
            h.Append(", resource <code>").Append(E(verdict.Resource)).Append("</code>");
        }

        h.Append("</p>");
        Table(h, "reasons", ["Step", "Reason"], verdict.Reasons.Select(r => new[] { r.Step, r.Message }));
    }

    private static void Graph(StringBuilder h, ReportModel model)
    {
        if (model.Steps.Count == 0)
        {
            h.Append("<p class=\"err\">No attestation collections were found in the given evidence.</p>");
            return;
        }

        // Columns by longest path from a source step (edges follow products into materials); rows within a column.
        var level = new int[model.Steps.Count];
        for (var pass = 0; pass < model.Steps.Count; pass++)
        {
            foreach (var (from, to, _) in model.Edges)
            {
                level[to] = Math.Max(level[to], Math.Min(level[from] + 1, model.Steps.Count - 1));
            }
        }

        var row = new int[model.Steps.Count];
        var perColumn = new Dictionary<int, int>();
        for (var i = 0; i < model.Steps.Count; i++)
        {
            row[i] = perColumn.TryGetValue(level[i], out var n) ? n : 0;
            perColumn[level[i]] = row[i] + 1;
        }

        const int w = 170, hgt = 46, gx = 70, gy = 24;
        var width = (level.Max() + 1) * (w + gx) + 20;
        var height = perColumn.Values.Max() * (hgt + gy) + 20;
        h.Append("<h2 id=\"graph\">Pipeline</h2><svg id=\"step-graph\" role=\"img\" aria-label=\"step graph\" width=\"").Append(width).Append("\" height=\"").Append(height).Append("\" viewBox=\"0 0 ").Append(width).Append(' ').Append(height).Append("\">");
        h.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0L10,5L0,10z\" fill=\"#57606a\"/></marker></defs>");
        (int X, int Y) Pos(int i) => (10 + level[i] * (w + gx), 10 + row[i] * (hgt + gy));
        foreach (var (from, to, shared) in model.Edges)
        {
            var (x1, y1) = Pos(from);
            var (x2, y2) = Pos(to);
            h.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x1 + w}\" y1=\"{y1 + (hgt / 2)}\" x2=\"{x2}\" y2=\"{y2 + (hgt / 2)}\" stroke=\"#57606a\" marker-end=\"url(#arrow)\"><title>{shared} file(s)</title></line>");
        }

        for (var i = 0; i < model.Steps.Count; i++)
        {
            var (x, y) = Pos(i);
            var s = model.Steps[i];
            var fill = s.ExitCode is > 0 || s.Secrets.Count > 0 || s.Tests is { Failed: > 0 } ? "#ffebe9" : "#f6f8fa";
            h.Append(CultureInfo.InvariantCulture, $"<a href=\"#step-{i}\"><rect x=\"{x}\" y=\"{y}\" width=\"{w}\" height=\"{hgt}\" rx=\"6\" fill=\"{fill}\" stroke=\"#d0d7de\"/>");
            h.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 10}\" y=\"{y + 19}\" font-weight=\"600\">{E(Clip(s.Name, 24))}</text>");
            h.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + 10}\" y=\"{y + 36}\" fill=\"#57606a\">{s.Materials.Count} in · {s.Products.Count} out</text></a>");
        }

        h.Append("</svg>");
    }

    private static void Step(StringBuilder h, ReportStep s, int index)
    {
        h.Append("<section class=\"step\" id=\"step-").Append(index).Append("\"><h2>Step <span class=\"step-name\">").Append(E(s.Name)).Append("</span></h2>");
        h.Append("<p class=\"mut\">").Append(E(s.Reference)).Append(" · ").Append(E(s.PredicateType)).Append("</p>");
        var signers = s.Signers.Select(x => x.Identity.Length > 0 ? $"{x.Identity} (keyid {x.KeyId})" : $"keyid {x.KeyId}").ToList();
        Table(h, "signature", ["Signed by", "Started", "Finished"], [[string.Join("; ", signers), Time(s.Start), Time(s.End)]]);
        h.Append("<p>").Append(string.Join("", s.AttestationTypes.Select(t => "<span class=\"badge\">" + E(t) + "</span>"))).Append("</p>");
        if (s.Command is not null)
        {
            h.Append("<h3>Command</h3><p><code>").Append(E(s.Command)).Append("</code> exit code <span class=\"").Append(s.ExitCode is 0 ? "" : "err").Append("\">").Append(s.ExitCode).Append("</span></p>");
        }

        if (s.Ci.Count > 0)
        {
            h.Append("<h3>CI</h3>");
            Table(h, "ci", ["Member", "Value"], s.Ci.Select(c => new[] { c.Name, c.Value }));
        }

        if (s.Git.Count > 0)
        {
            h.Append("<h3>Source</h3>");
            Table(h, "git", ["Member", "Value"], s.Git.Select(c => new[] { c.Name, c.Value }));
        }

        Files(h, "Materials", "materials", s.Materials);
        Files(h, "Products", "products", s.Products);
        if (s.Components.Count > 0)
        {
            h.Append("<h3>SBOM components (").Append(s.Components.Count).Append(")</h3>");
            Table(h, "sbom", ["Name", "Version", "Package URL"], s.Components.Select(c => new[] { c.Name, c.Version, c.Purl }));
        }

        if (s.SarifResults.Count > 0)
        {
            h.Append("<h3>Static analysis (").Append(s.SarifResults.Count).Append(" results)</h3>");
            foreach (var rule in s.SarifResults.GroupBy(r => r.RuleId).OrderByDescending(g => g.Count()))
            {
                h.Append("<details class=\"sarif-rule\"><summary><code>").Append(E(rule.Key)).Append("</code> × ").Append(rule.Count()).Append("</summary>");
                Table(h, "sarif", ["Level", "Location", "Message"], rule.Select(r => new[] { r.Level, r.Location, r.Message }));
                h.Append("</details>");
            }
        }

        if (s.Tests is { } t)
        {
            h.Append("<h3>Tests</h3><p class=\"tests\">").Append(t.Total).Append(" total, ").Append(t.Passed).Append(" passed, <span class=\"").Append(t.Failed > 0 ? "err" : "").Append("\">").Append(t.Failed).Append(" failed</span>, ").Append(t.Skipped).Append(" skipped</p>");
            Table(h, "failed-tests", ["Failed test", "Message"], s.FailedTests.Select(f => new[] { f.Name, f.Message }));
        }

        if (s.Secrets.Count > 0)
        {
            h.Append("<h3 class=\"err\">Secret findings (").Append(s.Secrets.Count).Append(")</h3><p class=\"mut\">Only the sha256 of each secret is recorded.</p>");
            Table(h, "secrets", ["Rule", "Location", "Line", "Secret sha256"], s.Secrets.Select(f => new[] { f.RuleId, f.Location, f.Line.ToString(CultureInfo.InvariantCulture), f.SecretSha256 }));
        }

        if (s.Trace is { } tr)
        {
            h.Append("<h3>Trace</h3><p class=\"trace\">").Append(tr.Processes).Append(" processes, ").Append(tr.OpenedFiles).Append(" files opened, ").Append(tr.WrittenFiles).Append(" written, ")
                .Append(tr.Connections).Append(" network connections, ").Append(tr.SyscallEvents).Append(" security-relevant syscalls</p><p>")
                .Append(string.Join(" ", tr.Programs.Select(p => "<code>" + E(p) + "</code>"))).Append("</p>");
        }

        h.Append("</section>");
    }

    private static void Files(StringBuilder h, string title, string id, List<(string Path, string Digest)> files)
    {
        if (files.Count == 0)
        {
            return;
        }

        h.Append("<h3>").Append(title).Append(" (").Append(files.Count).Append(")</h3>");
        Table(h, id, ["Path", "sha256"], files.OrderBy(f => f.Path, StringComparer.Ordinal).Select(f => new[] { f.Path, f.Digest }));
    }

    private static void Table(StringBuilder h, string cls, string[] headers, IEnumerable<string[]> rows)
    {
        var all = rows.ToList();
        if (all.Count == 0)
        {
            return;
        }

        h.Append("<table class=\"").Append(cls).Append("\" data-rows=\"").Append(all.Count).Append("\"><tr>");
        foreach (var header in headers)
        {
            h.Append("<th>").Append(E(header)).Append("</th>");
        }

        h.Append("</tr>");
        foreach (var row in all.Take(MaxRows))
        {
            h.Append("<tr>");
            foreach (var cell in row)
            {
                h.Append("<td class=\"mono\">").Append(E(cell)).Append("</td>");
            }

            h.Append("</tr>");
        }

        h.Append("</table>");
        if (all.Count > MaxRows)
        {
            h.Append("<p class=\"mut\">… ").Append(all.Count - MaxRows).Append(" more rows not shown (see the evidence file).</p>");
        }
    }

    private static string Time(DateTimeOffset? t) => t?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) ?? "";

    private static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
