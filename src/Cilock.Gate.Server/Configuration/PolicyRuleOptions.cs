namespace Cilock.Gate.Server.Configuration;

/// <summary>Which signed policy verifies which packages.</summary>
public sealed class PolicyRuleOptions
{
    /// <summary>Package id glob (case-insensitive; <c>*</c> any run of characters, <c>?</c> one character), e.g. <c>Acme.*</c>.</summary>
    public string Packages { get; set; } = "*";

    /// <summary>The signed policy (DSSE envelope).</summary>
    public string Policy { get; set; } = "";

    /// <summary>PEM public keys the policy may be signed with (at least one).</summary>
    public IList<string> PublicKeys { get; set; } = [];

    /// <summary>Witness compatibility: follow evidence through any digest algorithm (e.g. sha1 git commits).</summary>
    public bool MatchAllDigestAlgorithms { get; set; }
}
