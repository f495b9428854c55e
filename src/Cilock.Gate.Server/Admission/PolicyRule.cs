using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Server.Configuration;
using Cilock.Gate.Server.Diagnostics;
using Cilock.Operations.Publishing;
using Cilock.Policy.Verification;

namespace Cilock.Gate.Server.Admission;

/// <summary>A validated policy rule: package-id glob, signed policy, trusted keys.</summary>
internal sealed class PolicyRule
{
    private readonly Regex _pattern;

    private PolicyRule(string glob, string policy, IReadOnlyList<string> keys, bool matchAll)
    {
        Glob = glob;
        PolicyPath = policy;
        _pattern = new Regex("^" + Regex.Escape(glob).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        Verifier = new PolicyPackageVerifier(policy, keys, new PolicyVerificationOptions { MatchAllDigestAlgorithms = matchAll });
    }

    internal string Glob { get; }

    internal string PolicyPath { get; }

    internal PolicyPackageVerifier Verifier { get; }

    internal bool Matches(string packageId) => _pattern.IsMatch(packageId);

    /// <summary>The sha256 of the policy file as it is now (recorded in the audit log with each decision).</summary>
    internal string? PolicyDigest()
    {
        try
        {
            using var stream = File.OpenRead(PolicyPath);
            return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal static PolicyRule From(PolicyRuleOptions options, string baseDirectory)
    {
        if (string.IsNullOrWhiteSpace(options.Policy) || options.PublicKeys.Count == 0)
        {
            throw new CilockException(AdmissionDiagnostics.ConfigurationInvalid, $"policy rule '{options.Packages}' needs Policy and at least one PublicKeys entry");
        }

        var policy = Path.GetFullPath(options.Policy, baseDirectory);
        var keys = options.PublicKeys.Select(k => Path.GetFullPath(k, baseDirectory)).ToList();
        foreach (var file in keys.Prepend(policy).Where(f => !File.Exists(f)))
        {
            throw new CilockException(AdmissionDiagnostics.ConfigurationInvalid, $"policy rule '{options.Packages}': file '{file}' does not exist");
        }

        return new PolicyRule(string.IsNullOrWhiteSpace(options.Packages) ? "*" : options.Packages.Trim(), policy, keys, options.MatchAllDigestAlgorithms);
    }
}
