using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Publishing;
using Cilock.Gate.Server.Configuration;
using Cilock.Gate.Server.Diagnostics;

namespace Cilock.Gate.Server.Admission;

/// <summary>
/// <see cref="GateServerOptions"/> checked once at start-up, with relative paths resolved against the configuration
/// file's directory. A gate that would accept pushes it cannot judge refuses to start instead.
/// </summary>
internal sealed class GateSettings
{
    private GateSettings(GateServerOptions options, string baseDirectory)
    {
        if (string.IsNullOrWhiteSpace(options.EvidenceStore))
        {
            throw new CilockException(AdmissionDiagnostics.ConfigurationInvalid, "CilockGate:EvidenceStore is not set");
        }

        if (string.IsNullOrWhiteSpace(options.AuditLog))
        {
            throw new CilockException(AdmissionDiagnostics.ConfigurationInvalid, "CilockGate:AuditLog is not set");
        }

        if (string.IsNullOrWhiteSpace(options.Upstream.Source))
        {
            throw new CilockException(AdmissionDiagnostics.ConfigurationInvalid, "CilockGate:Upstream:Source is not set");
        }

        if (options.MaxPackageBytes <= 0)
        {
            throw new CilockException(AdmissionDiagnostics.ConfigurationInvalid, "CilockGate:MaxPackageBytes must be positive");
        }

        if (options.Policies.Count == 0)
        {
            throw new CilockException(AdmissionDiagnostics.ConfigurationInvalid, "no policy rules configured (CilockGate:Policies): every push would be refused");
        }

        EvidenceStore = Path.GetFullPath(options.EvidenceStore, baseDirectory);
        UploadStore = Path.GetFullPath(options.UploadStore ?? Path.Combine(EvidenceStore, "uploaded"), baseDirectory);
        AuditLogPath = Path.GetFullPath(options.AuditLog, baseDirectory);
        MaxPackageBytes = options.MaxPackageBytes;
        var source = options.Upstream.Source.Trim();
        UpstreamIsHttp = Uri.TryCreate(source, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
        UpstreamSource = UpstreamIsHttp ? source : Path.GetFullPath(source, baseDirectory);
        UpstreamApiKeyValue = string.IsNullOrEmpty(options.Upstream.ApiKey) ? null : options.Upstream.ApiKey;
        UpstreamApiKey = UpstreamApiKeyValue is null ? null : new NuGetApiKey(UpstreamApiKeyValue) { Origin = "CilockGate:Upstream:ApiKey" };
        AllowInsecureUpstream = options.Upstream.AllowInsecureConnections;
        UpstreamTimeoutSeconds = Math.Max(1, options.Upstream.TimeoutSeconds);
        Rules = [.. options.Policies.Select(p => PolicyRule.From(p, baseDirectory))];
    }

    internal string EvidenceStore { get; }

    internal string UploadStore { get; }

    internal string AuditLogPath { get; }

    internal long MaxPackageBytes { get; }

    internal string UpstreamSource { get; }

    internal bool UpstreamIsHttp { get; }

    internal NuGetApiKey? UpstreamApiKey { get; }

    /// <summary>The raw upstream key, for the delete passthrough only (NuGetApiKey.Reveal is internal to the gate library).</summary>
    internal string? UpstreamApiKeyValue { get; }

    internal bool AllowInsecureUpstream { get; }

    internal int UpstreamTimeoutSeconds { get; }

    internal IReadOnlyList<PolicyRule> Rules { get; }

    /// <summary>The first rule matching <paramref name="packageId"/>, or <c>null</c>.</summary>
    internal PolicyRule? RuleFor(string packageId) => Rules.FirstOrDefault(r => r.Matches(packageId));

    internal static GateSettings From(GateServerOptions options, string baseDirectory) => new(options, baseDirectory);
}
