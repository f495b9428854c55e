using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.Reports.Sarif;

namespace Cilock.Reports.Attestors;

/// <summary>
/// The <c>sarif</c> attestor (spec attestors.md §11, both dialects), post-product phase:
/// <c>{"report": &lt;SARIF 2.1.0 log&gt;, "reportFileName": path, "reportDigestSet": digests}</c>, no subjects. With an
/// explicit report (the SDK's normalised compiler log) that file is recorded and must be valid; without one, the first
/// product (in name order) whose content is a SARIF 2.1.0 log is recorded as written, and products that only look like
/// SARIF give a CIL2130 warning. When no report is found the attestor contributes nothing.
/// </summary>
public sealed class SarifAttestor : IAttestor, IOptionalEvidence
{
    /// <summary>The attestor name.</summary>
    public const string AttestorName = "sarif";

    /// <summary>Predicate type in the cilock dialect.</summary>
    public const string CilockType = "https://aflock.ai/attestations/sarif/v0.1";

    /// <summary>Predicate type in the witness dialect.</summary>
    public const string WitnessType = "https://witness.dev/attestations/sarif/v0.1";

    private readonly string? _reportPath;
    private JsonObject? _report;
    private ReportFile? _file;

    /// <summary>Creates the attestor.</summary>
    /// <param name="reportPath">The SARIF file to record; <c>null</c> searches the products.</param>
    public SarifAttestor(string? reportPath = null)
    {
        _reportPath = string.IsNullOrWhiteSpace(reportPath) ? null : reportPath;
    }

    /// <inheritdoc />
    public string Name => AttestorName;

    /// <inheritdoc />
    public AttestationPhase Phase => AttestationPhase.PostProduct;

    /// <summary>The recorded report file name, once attested (<c>null</c> when none was found).</summary>
    public string? ReportFileName => _file?.Name;

    /// <inheritdoc />
    public string PredicateType(Dialect dialect) => dialect == Dialect.Witness ? WitnessType : CilockType;

    /// <inheritdoc />
    /// <exception cref="CilockException">CIL2130/CIL2131/CIL2134 for an explicit report that cannot be recorded.</exception>
    public ValueTask AttestAsync(AttestationContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_reportPath is not null)
        {
            // Parse first: a missing or invalid log must fail with its own code, not as an unhashable file.
            _report = SarifDocument.Load(Path.GetFullPath(_reportPath, context.WorkingDirectory));
            _file = ReportFile.FromPath(_reportPath, context);
            return ValueTask.CompletedTask;
        }

        foreach (var candidate in ReportFile.Candidates(context, SarifDocument.LooksLikeSarif, SarifDocument.MaxBytes, ReportReaderDiagnostics.SarifUnusable))
        {
            ct.ThrowIfCancellationRequested();
            try
            {
                _report = SarifDocument.Load(candidate.FullPath);
                _file = candidate;
                break;
            }
            catch (CilockException e)
            {
                // Looked like SARIF but is not a usable 2.1.0 log: say so, keep looking.
                context.Report(Diagnostic.Warning(e.Code, $"product '{candidate.Name}' is not recorded as SARIF: {e.Message}"));
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public bool HasEvidence => _report is not null && _file is not null;

    /// <inheritdoc />
    public JsonNode? ToJson(Dialect dialect) => _report is null || _file is null ? null : new JsonObject
    {
        ["report"] = _report.DeepClone(),
        ["reportFileName"] = _file.Name,
        ["reportDigestSet"] = _file.DigestJson(),
    };
}
