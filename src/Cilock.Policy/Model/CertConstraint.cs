using System.Text.Json.Serialization;

namespace Cilock.Policy.Model;

/// <summary>Certificate constraints of a functionary (spec policy.md §3.2).</summary>
public sealed class CertConstraint
{
    /// <summary>Subject common name: <c>*</c> any, else exact (or glob in cilock mode).</summary>
    [JsonPropertyName("commonname")]
    public string? CommonName { get; set; }

    /// <summary>DNS SANs.</summary>
    [JsonPropertyName("dnsnames")]
    public List<string>? DnsNames { get; set; }

    /// <summary>Email SANs.</summary>
    [JsonPropertyName("emails")]
    public List<string>? Emails { get; set; }

    /// <summary>Subject organizations.</summary>
    [JsonPropertyName("organizations")]
    public List<string>? Organizations { get; set; }

    /// <summary>URI SANs.</summary>
    [JsonPropertyName("uris")]
    public List<string>? Uris { get; set; }

    /// <summary>Policy root ids the leaf must chain to, or <c>*</c> for any.</summary>
    [JsonPropertyName("roots")]
    public List<string>? Roots { get; set; }

    /// <summary>Fulcio extension constraints by extension name (PascalCase, bound case-insensitively).</summary>
    [JsonPropertyName("extensions")]
    public Dictionary<string, string?>? Extensions { get; set; }

    /// <summary>cilock: OIDs that must appear in the leaf's certificatePolicies.</summary>
    [JsonPropertyName("requiredpolicyoids")]
    public List<string>? RequiredPolicyOids { get; set; }

    /// <summary>
    /// Whether the constraint differs from Go's zero value (a present list, even empty, counts as set), which is
    /// what cilock's hardened publickeyid rule tests.
    /// </summary>
    [JsonIgnore]
    public bool IsSet =>
        !string.IsNullOrEmpty(CommonName) || DnsNames is not null || Emails is not null || Organizations is not null
        || Uris is not null || Roots is not null || RequiredPolicyOids is not null
        || (Extensions?.Values.Any(v => !string.IsNullOrEmpty(v)) ?? false);
}
