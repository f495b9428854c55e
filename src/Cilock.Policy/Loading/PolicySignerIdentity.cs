namespace Cilock.Policy.Loading;

/// <summary>
/// Identity constraints for certificate signers of the policy itself (<c>--policy-commonname</c>, <c>--policy-emails</c>,
/// … and Fulcio extension flags). A <c>null</c> list is unspecified; cilock fills unspecified parts as in policy.md §2.
/// </summary>
public sealed record PolicySignerIdentity
{
    /// <summary>Required subject CN (exact or glob), or null.</summary>
    public string? CommonName { get; init; }

    /// <summary>Required DNS SANs.</summary>
    public IReadOnlyList<string>? DnsNames { get; init; }

    /// <summary>Required email SANs.</summary>
    public IReadOnlyList<string>? Emails { get; init; }

    /// <summary>Required organizations.</summary>
    public IReadOnlyList<string>? Organizations { get; init; }

    /// <summary>Required URI SANs.</summary>
    public IReadOnlyList<string>? Uris { get; init; }

    /// <summary>Fulcio extension constraints by name (e.g. <c>Issuer</c>, <c>SourceRepositoryURI</c>).</summary>
    public IReadOnlyDictionary<string, string>? Extensions { get; init; }

    /// <summary>Whether at least one identity constraint pins the signer (CN other than <c>*</c>, a SAN list or an extension).</summary>
    public bool IsPinned =>
        (CommonName is { Length: > 0 } cn && cn != "*")
        || DnsNames is { Count: > 0 } || Emails is { Count: > 0 } || Organizations is { Count: > 0 } || Uris is { Count: > 0 }
        || (Extensions?.Values.Any(v => v.Length > 0) ?? false);
}
