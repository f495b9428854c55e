namespace Cilock.Gate.Server.Configuration;

/// <summary>
/// The <c>CilockGate</c> configuration section (appsettings.json, environment variables such as
/// <c>CilockGate__Upstream__ApiKey</c>, or <c>cilock gate serve --config FILE</c>).
/// </summary>
public sealed class GateServerOptions
{
    /// <summary>The configuration section name.</summary>
    public const string SectionName = "CilockGate";

    /// <summary>Directory of evidence (<c>*.intoto.jsonl</c>, <c>*.json</c> envelopes) searched by package digest.</summary>
    public string EvidenceStore { get; set; } = "";

    /// <summary>Directory where <c>PUT /evidence</c> uploads are kept; default <c>&lt;EvidenceStore&gt;/uploaded</c>.</summary>
    public string? UploadStore { get; set; }

    /// <summary>Append-only JSON-lines audit log of every decision.</summary>
    public string AuditLog { get; set; } = "";

    /// <summary>Largest package (or evidence upload) body accepted, in bytes; larger bodies get HTTP 413.</summary>
    public long MaxPackageBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Where admitted packages are forwarded.</summary>
    public UpstreamOptions Upstream { get; set; } = new();

    /// <summary>Who may push: API-key hashes mapped to identities.</summary>
    public IList<PusherOptions> Pushers { get; set; } = [];

    /// <summary>Policy rules; the first whose <see cref="PolicyRuleOptions.Packages"/> pattern matches the id wins.</summary>
    public IList<PolicyRuleOptions> Policies { get; set; } = [];
}
