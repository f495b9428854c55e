using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.Environment;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;
using Cilock.Secrets.Archives;
using Cilock.Secrets.Diagnostics;
using Cilock.Secrets.Findings;
using Cilock.Secrets.Redaction;
using Cilock.Secrets.Scanning;

namespace Cilock.Secrets.Attestors;

/// <summary>
/// The <c>secretscan</c> attestor (spec attestors.md §9), post-product phase. It scans the JSON of every attestor that
/// completed before post-product (a top-level <c>stdout</c>/<c>stderr</c>, i.e. command-run output, separately), and
/// every non-binary product up to <see cref="SecretScanAttestorOptions.MaxProductBytes"/> (zip-based products entry
/// by entry), with the env-value rules for the run's sensitive variables. Findings never fail the attestor: the run
/// writes and signs the evidence first, then fails with <see cref="FailureDiagnostics"/> (CIL4001) when asked to.
/// </summary>
public sealed class SecretScanAttestor : IAttestor, ISubjecter
{
    /// <summary>The attestor name.</summary>
    public const string AttestorName = "secretscan";

    /// <summary>Predicate type in the cilock dialect.</summary>
    public const string CilockType = "https://aflock.ai/attestations/secretscan/v0.1";

    /// <summary>Predicate type in the witness dialect.</summary>
    public const string WitnessType = "https://witness.dev/attestations/secretscan/v0.1";

    // Relaxed escaping: the default encoder writes '+' as \u002B, which would break base64 runs apart before decoding.
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly SecretScanAttestorOptions _options;
    private readonly List<SecretFinding> _findings = [];
    private readonly List<Diagnostic> _warnings = [];
    private readonly Dictionary<string, DigestSet> _subjects = new(StringComparer.Ordinal);
    private readonly List<RedactionTarget> _redactions = [];
    private SecretRedactor? _redactor;
    private bool _attested;

    /// <summary>Creates the attestor.</summary>
    public SecretScanAttestor(SecretScanAttestorOptions? options = null)
    {
        _options = options ?? new SecretScanAttestorOptions();
    }

    /// <inheritdoc />
    public string Name => AttestorName;

    /// <inheritdoc />
    public AttestationPhase Phase => AttestationPhase.PostProduct;

    /// <summary>The findings, once attested.</summary>
    public IReadOnlyList<SecretFinding> Findings => _findings;

    /// <summary>Non-fatal scan warnings (CIL4004-CIL4006), once attested; also reported to the context.</summary>
    public IReadOnlyList<Diagnostic> Warnings => _warnings;

    /// <summary>
    /// Redacts what this scan found (each secret, and each encoded run that hid one) from recorded text. Apply it to
    /// the statement after this attestor ran and before signing: <c>statement = attestor.Redactor.Redact(statement)</c>.
    /// Empty until attested.
    /// </summary>
    public SecretRedactor Redactor => _redactor ??= _attested ? new SecretRedactor(_redactions) : SecretRedactor.None;

    /// <inheritdoc />
    public string PredicateType(Dialect dialect) => dialect == Dialect.Witness ? WitnessType : CilockType;

    /// <inheritdoc />
    public ValueTask AttestAsync(AttestationContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var scanner = new SecretScanner(new SecretScanOptions
        {
            Rules = _options.Rules,
            Hashes = context.Options.Hashes,
            SensitiveValues = SensitiveValue.FromEnvironment(context.Environment, new EnvironmentCapturer(context.Options)),
            MaxDecodeLayers = _options.MaxDecodeLayers,
            MaxFileBytes = _options.MaxProductBytes,
        });

        foreach (var completed in context.CompletedAttestors)
        {
            if (completed.Succeeded && completed.Attestor.Phase < AttestationPhase.PostProduct)
            {
                ScanAttestor(scanner, completed.Attestor, context.Dialect, ct);
            }
        }

        var archives = new ArchiveScanner(scanner);
        foreach (var (path, product) in context.Products.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            ScanProduct(scanner, archives, context.WorkingDirectory, path, product, ct);
        }

        foreach (var file in _options.ExtraFiles.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            ct.ThrowIfCancellationRequested();
            ScanExtraFile(scanner, context.WorkingDirectory, file, ct);
        }

        foreach (var warning in _warnings)
        {
            context.Report(warning);
        }

        _attested = true;
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public JsonNode? ToJson(Dialect dialect)
    {
        if (!_attested)
        {
            return null;
        }

        return new JsonObject { ["findings"] = new JsonArray([.. _findings.Select(f => (JsonNode)f.ToJson())]) };
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, DigestSet> GetSubjects(Dialect dialect) => _subjects;

    /// <summary>
    /// One CIL4001 error per finding (rule, location, line, secret hash: never the value), for a run that fails on
    /// detection after its signed evidence has been written.
    /// </summary>
    public IReadOnlyList<Diagnostic> FailureDiagnostics() => ToDiagnostics(_findings);

    /// <summary>CIL4001 errors for <paramref name="findings"/>.</summary>
    public static IReadOnlyList<Diagnostic> ToDiagnostics(IEnumerable<SecretFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return [.. findings.Select(f => new Diagnostic(
            SecretsDiagnostics.SecretFound,
            DiagnosticSeverity.Error,
            $"secret found by rule '{f.RuleId}' in {f.Location} line {f.StartLine}"
                + (f.EncodingPath.Count > 0 ? $" (decoded: {string.Join(" > ", f.EncodingPath)})" : "")
                + $", sha256 {f.Secret.Sha256Hex ?? "-"}; remove or rotate it, or allowlist it in a rules file"))];
    }

    private void ScanAttestor(SecretScanner scanner, IAttestor attestor, Dialect dialect, CancellationToken ct)
    {
        if (attestor.ToJson(dialect) is not JsonNode json)
        {
            return;
        }

        var location = "attestation:" + attestor.Name;
        if (json is JsonObject obj)
        {
            // Command output is scanned as its own text so line numbers refer to the output, not the escaped JSON.
            obj = (JsonObject)obj.DeepClone();
            foreach (var stream in new[] { "stdout", "stderr" })
            {
                if (obj[stream] is JsonValue value && value.TryGetValue<string>(out var text))
                {
                    obj.Remove(stream);
                    Add(scanner.Scan(text, location, null, ct));
                }
            }

            json = obj;
        }

        Add(scanner.Scan(json.ToJsonString(Indented), location, null, ct));
    }

    private void ScanProduct(SecretScanner scanner, ArchiveScanner archives, string workingDirectory, string path,
        Attestation.Attestors.ProductFile product, CancellationToken ct)
    {
        if (path.EndsWith('/'))
        {
            return;
        }

        var full = Path.Combine(workingDirectory, path);
        var location = "product:" + path;
        try
        {
            var info = new FileInfo(full);
            if (!info.Exists)
            {
                return;
            }

            if (_options.ScanArchives && ArchiveScanner.IsArchivePath(path))
            {
                using var stream = info.OpenRead();
                Add(archives.Scan(stream, location, path, ct));
                _subjects[location] = product.Digest;
                return;
            }

            if (info.Length > _options.MaxProductBytes)
            {
                return;
            }

            var content = File.ReadAllBytes(full);
            if (TextSniffer.IsBinary(content))
            {
                return;
            }

            Add(scanner.Scan(TextSniffer.Decode(content), location, path, ct));
            _subjects[location] = product.Digest;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _warnings.Add(Diagnostic.Warning(SecretsDiagnostics.InputUnreadable, $"product '{path}' could not be scanned: {e.Message}"));
        }
    }

    private void ScanExtraFile(SecretScanner scanner, string workingDirectory, string file, CancellationToken ct)
    {
        var relative = Path.GetRelativePath(workingDirectory, file).Replace('\\', '/');
        var name = relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? file : relative;
        try
        {
            var info = new FileInfo(file);
            if (!info.Exists)
            {
                return;
            }

            if (info.Length > _options.MaxProductBytes)
            {
                _warnings.Add(Diagnostic.Warning(SecretsDiagnostics.FileTooLarge, $"'{name}' ({info.Length} bytes) is larger than the scan limit and was skipped"));
                return;
            }

            var content = File.ReadAllBytes(file);
            if (!TextSniffer.IsBinary(content))
            {
                Add(scanner.Scan(TextSniffer.Decode(content), "file:" + name, name, ct));
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _warnings.Add(Diagnostic.Warning(SecretsDiagnostics.InputUnreadable, $"'{name}' could not be scanned: {e.Message}"));
        }
    }

    private void Add(SecretScanResult result)
    {
        _findings.AddRange(result.Findings);
        _warnings.AddRange(result.Diagnostics);
        _redactions.AddRange(result.Redactions);
    }
}
