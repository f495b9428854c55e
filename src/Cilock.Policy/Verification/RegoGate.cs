using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Model;
using Cilock.Rego;

namespace Cilock.Policy.Verification;

/// <summary>
/// The bridge between policy <c>regopolicies</c> and the Rego engine (rego-contract.md §3): decodes and compiles the
/// modules of one attestation entry once (cached), refuses duplicate packages under hardening, evaluates
/// <c>data.&lt;pkg&gt;.deny</c> and turns the result into rejection reasons.
/// </summary>
internal sealed partial class RegoGate(PolicyVerificationOptions options)
{
    private readonly ConcurrentDictionary<object, Compiled> _cache = new(ReferenceEqualityComparer.Instance);

    /// <summary>A compiled module set, or the coded reason it cannot be used.</summary>
    internal sealed record Compiled(CompiledPolicy? Policy, string? Code, string? Error, string? Note);

    /// <summary>One evaluation outcome: <c>null</c> code = passed.</summary>
    internal sealed record Outcome(string? Code, string? Message, string? Note);

    public Compiled Compile(List<RegoPolicyEntry> entries) => _cache.GetOrAdd(entries, _ => CompileCore(entries));

    public Outcome Evaluate(List<RegoPolicyEntry> entries, string inputJson, string what, CancellationToken ct)
    {
        var compiled = Compile(entries);
        if (compiled.Policy is null)
        {
            return new Outcome(compiled.Code, $"{what}: {compiled.Error}", null);
        }

        DenyResult result;
        try
        {
            result = compiled.Policy.EvaluateDeny(inputJson, ct);
        }
        catch (RegoException e)
        {
            return new Outcome(PolicyDiagnostics.RegoEvaluationError, $"{what}: Rego evaluation failed: {e.Message}", compiled.Note);
        }

        if (result.Failed)
        {
            return new Outcome(PolicyDiagnostics.RegoEvaluationError, $"{what}: Rego evaluation failed: {result.Error}", compiled.Note);
        }

        if (result.Denied)
        {
            return new Outcome(PolicyDiagnostics.RegoDeny, $"{what}: denied by Rego: {string.Join("; ", result.Reasons)}", compiled.Note);
        }

        var note = compiled.Note;
        if (options.RegoMissingDenyPasses && StrictTwin(entries) is { } strict)
        {
            // The verdict passed with the Witness switch; report it when the default would have failed.
            var strictResult = strict.EvaluateDeny(inputJson, ct);
            if (strictResult.Failed)
            {
                note = $"{what}: passed only because of --rego-missing-deny=pass ({strictResult.Error})";
            }
        }

        return new Outcome(null, null, note);
    }

    /// <summary>The package path a module declares (first <c>package</c> clause, comments ignored).</summary>
    internal static string? PackageOf(string source)
    {
        foreach (var raw in source.Split('\n'))
        {
            var line = raw.Trim();
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash].Trim();
            }

            if (line.Length == 0)
            {
                continue;
            }

            var m = PackagePattern().Match(line);
            return m.Success ? m.Groups[1].Value : null;
        }

        return null;
    }

    private readonly ConcurrentDictionary<object, CompiledPolicy?> _strict = new(ReferenceEqualityComparer.Instance);

    private CompiledPolicy? StrictTwin(List<RegoPolicyEntry> entries) =>
        _strict.GetOrAdd(entries, _ =>
        {
            try
            {
                return RegoCompiler.Compile(Decode(entries, out string? _) ?? [], null, new RegoCompileOptions { TimeProvider = options.Time });
            }
            catch (RegoException)
            {
                return null;
            }
        });

    private Compiled CompileCore(List<RegoPolicyEntry> entries)
    {
        var modules = Decode(entries, out var error);
        if (modules is null)
        {
            return new Compiled(null, PolicyDiagnostics.RegoCompileError, error, null);
        }

        string? note = null;
        var duplicates = modules.GroupBy(m => PackageOf(m.Source) ?? "", StringComparer.Ordinal).Where(g => g.Count() > 1 && g.Key.Length > 0).ToList();
        if (duplicates.Count > 0)
        {
            var text = string.Join("; ", duplicates.Select(g => $"package {g.Key} is declared by {string.Join(", ", g.Select(m => m.FileName))}"));
            if (options.Hardening == PolicyHardening.Enforce)
            {
                return new Compiled(null, PolicyDiagnostics.RegoDuplicatePackage, $"{text}; give every module its own package", null);
            }

            note = $"{text}: merged because --policy-hardening=warn";
        }

        try
        {
            var compiled = RegoCompiler.Compile(modules, null, new RegoCompileOptions
            {
                MissingDenyPasses = options.RegoMissingDenyPasses,
                TimeProvider = options.Time,
            });
            return new Compiled(compiled, null, null, note);
        }
        catch (RegoException e)
        {
            return new Compiled(null, PolicyDiagnostics.RegoCompileError, $"Rego module does not compile: {e.Message}", null);
        }
    }

    private static List<RegoModule>? Decode(List<RegoPolicyEntry> entries, out string? error)
    {
        var modules = new List<RegoModule>();
        foreach (var (entry, i) in entries.Select((e, i) => (e, i)))
        {
            var name = string.IsNullOrEmpty(entry?.Name) ? $"regopolicies[{i}]" : entry.Name;
            try
            {
                var source = new UTF8Encoding(false, true).GetString(Convert.FromBase64String(entry?.Module ?? ""));
                modules.Add(new RegoModule(name, source));
            }
            catch (Exception e) when (e is FormatException or DecoderFallbackException)
            {
                error = $"Rego module '{name}' is not base64 of UTF-8 text";
                return null;
            }
        }

        error = null;
        return modules;
    }

    [GeneratedRegex(@"^package\s+([A-Za-z_][\w.\[\]""-]*)")]
    private static partial Regex PackagePattern();
}
