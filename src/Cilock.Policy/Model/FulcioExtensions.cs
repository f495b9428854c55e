namespace Cilock.Policy.Model;

/// <summary>
/// The Fulcio certificate extensions a <see cref="CertConstraint"/> can constrain (spec policy.md §3.3), with their
/// OIDs under 1.3.6.1.4.1.57264.1. Keys bind case-insensitively like Go; snake_case keys are unknown.
/// </summary>
public static class FulcioExtensions
{
    /// <summary>Extension name → OID. <c>Issuer</c> is .8 (DER UTF8String) with the legacy raw .1 as fallback.</summary>
    public static IReadOnlyDictionary<string, string> Oids { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Issuer"] = "1.3.6.1.4.1.57264.1.8",
        ["GithubWorkflowTrigger"] = "1.3.6.1.4.1.57264.1.2",
        ["GithubWorkflowSHA"] = "1.3.6.1.4.1.57264.1.3",
        ["GithubWorkflowName"] = "1.3.6.1.4.1.57264.1.4",
        ["GithubWorkflowRepository"] = "1.3.6.1.4.1.57264.1.5",
        ["GithubWorkflowRef"] = "1.3.6.1.4.1.57264.1.6",
        ["BuildSignerURI"] = "1.3.6.1.4.1.57264.1.9",
        ["BuildSignerDigest"] = "1.3.6.1.4.1.57264.1.10",
        ["RunnerEnvironment"] = "1.3.6.1.4.1.57264.1.11",
        ["SourceRepositoryURI"] = "1.3.6.1.4.1.57264.1.12",
        ["SourceRepositoryDigest"] = "1.3.6.1.4.1.57264.1.13",
        ["SourceRepositoryRef"] = "1.3.6.1.4.1.57264.1.14",
        ["SourceRepositoryIdentifier"] = "1.3.6.1.4.1.57264.1.15",
        ["SourceRepositoryOwnerURI"] = "1.3.6.1.4.1.57264.1.16",
        ["SourceRepositoryOwnerIdentifier"] = "1.3.6.1.4.1.57264.1.17",
        ["BuildConfigURI"] = "1.3.6.1.4.1.57264.1.18",
        ["BuildConfigDigest"] = "1.3.6.1.4.1.57264.1.19",
        ["BuildTrigger"] = "1.3.6.1.4.1.57264.1.20",
        ["RunInvocationURI"] = "1.3.6.1.4.1.57264.1.21",
        ["SourceRepositoryVisibilityAtSigning"] = "1.3.6.1.4.1.57264.1.22",
        ["DeploymentEnvironment"] = "1.3.6.1.4.1.57264.1.23",
        ["Subject"] = "1.3.6.1.4.1.57264.1.24",
    };

    /// <summary>The OID of the legacy raw-bytes issuer extension (.1), read when .8 is absent.</summary>
    public const string LegacyIssuerOid = "1.3.6.1.4.1.57264.1.1";

    /// <summary>Whether an OID carries raw UTF-8 bytes (.1–.6) rather than a DER UTF8String (.8 and later).</summary>
    internal static bool IsRawValue(string oid)
    {
        const string arc = "1.3.6.1.4.1.57264.1.";
        return oid.StartsWith(arc, StringComparison.Ordinal)
            && int.TryParse(oid.AsSpan(arc.Length), out var n) && n is >= 1 and <= 6;
    }
}
