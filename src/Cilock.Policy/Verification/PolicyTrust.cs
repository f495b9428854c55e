using System.Text;
using Cilock.Attestation.Crypto;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Signing;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Model;

namespace Cilock.Policy.Verification;

/// <summary>
/// The trust material of a policy (policy.md §4 step 1, §3.4): key verifiers from <c>publickeys</c> (a keyid that
/// does not match its key is a hard error), anchors and intermediates from <c>roots</c>, one TSA per
/// <c>timestampauthorities</c> entry.
/// </summary>
internal sealed class PolicyTrust
{
    private static readonly string[] KmsSchemes = ["awskms://", "gcpkms://", "azurekms://", "hashivault://"];

    private PolicyTrust() { }

    public IReadOnlyList<IVerifier> Verifiers { get; private init; } = [];

    public IReadOnlyList<TrustedRoot> Roots { get; private init; } = [];

    public IReadOnlyList<TimestampAuthority> TimestampAuthorities { get; private init; } = [];

    public IReadOnlyList<Diagnostic> Diagnostics { get; private init; } = [];

    public static PolicyTrust Build(PolicyDocument policy, PolicyVerificationOptions options)
    {
        var diagnostics = new List<Diagnostic>();
        var verifiers = new List<IVerifier>();
        foreach (var (id, key) in (policy.PublicKeys ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var keyId = key?.KeyId ?? "";
            if (KmsSchemes.Any(s => keyId.StartsWith(s, StringComparison.OrdinalIgnoreCase)))
            {
                diagnostics.Add(Diagnostic.Warning(PolicyDiagnostics.PolicyKeyInvalid, $"publickeys['{id}'] is a KMS key ({keyId}) that cannot be used offline; collections signed only by it will fail"));
                continue;
            }

            IVerifier verifier;
            try
            {
                var pem = Encoding.UTF8.GetString(Convert.FromBase64String(key?.Key ?? ""));
                verifier = KeyLoader.LoadVerifierFromPem(pem, acceptRsaPkcs1v15: !options.RsaPkcs1v15KmsOnly);
            }
            catch (Exception e) when (e is FormatException or CilockException)
            {
                throw new CilockException(PolicyDiagnostics.PolicyKeyInvalid, $"publickeys['{id}'].key is not base64 of a PEM public key: {e.Message}", e);
            }

            if (!string.Equals(verifier.KeyId, keyId, StringComparison.Ordinal))
            {
                throw new CilockException(PolicyDiagnostics.PolicyKeyInvalid, $"publickeys['{id}'].keyid '{keyId}' does not match the key (computed keyid {verifier.KeyId})");
            }

            verifiers.Add(verifier);
        }

        var tsas = TrustedRoot.DecodeAll(policy.TimestampAuthorities, "timestampauthorities")
            .Select(r => new TimestampAuthority(r.Id, r.Anchor, r.Intermediates))
            .ToList();
        return new PolicyTrust
        {
            Verifiers = verifiers,
            Roots = TrustedRoot.DecodeAll(policy.Roots, "roots"),
            TimestampAuthorities = tsas,
            Diagnostics = diagnostics,
        };
    }
}
