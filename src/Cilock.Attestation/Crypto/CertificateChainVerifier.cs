using System.Security.Cryptography.X509Certificates;

namespace Cilock.Attestation.Crypto;

/// <summary>
/// Verifies that a certificate chains to caller-supplied anchors at a given instant (spec dsse-and-keys.md §7):
/// every anchor is trusted whether or not it is self-signed, revocation is never checked, and a required extended
/// key usage must be permitted by every certificate up to the anchor (a certificate without the extension permits
/// everything, as in Go).
/// </summary>
public static class CertificateChainVerifier
{
    // Statuses that only say "the path did not end at a self-signed trusted root"; an anchor found inside the path
    // makes them irrelevant (a non-self-signed anchor may not terminate X509Chain on every platform).
    private const X509ChainStatusFlags IgnorableAtOrBelowAnchor = X509ChainStatusFlags.PartialChain | X509ChainStatusFlags.UntrustedRoot;

    /// <summary>Builds and checks the path from <paramref name="leaf"/> to one of <paramref name="roots"/>.</summary>
    /// <param name="leaf">The certificate to verify.</param>
    /// <param name="intermediates">Untrusted certificates that may complete the path.</param>
    /// <param name="roots">Trust anchors.</param>
    /// <param name="time">The instant at which every certificate on the path must be valid.</param>
    /// <param name="requiredExtendedKeyUsage">An EKU OID every certificate must permit, e.g. <see cref="Oids.CodeSigning"/>; <c>null</c> for any.</param>
    public static ChainVerificationResult Verify(
        X509Certificate2 leaf,
        IEnumerable<X509Certificate2> intermediates,
        IEnumerable<X509Certificate2> roots,
        DateTimeOffset time,
        string? requiredExtendedKeyUsage)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        ArgumentNullException.ThrowIfNull(intermediates);
        ArgumentNullException.ThrowIfNull(roots);
        var anchors = roots.ToList();
        if (anchors.Count == 0)
        {
            return Fail("no trusted root certificates are configured");
        }

        using var chain = new X509Chain();
        var policy = chain.ChainPolicy;
        policy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        policy.CustomTrustStore.AddRange(anchors.ToArray());
        policy.ExtraStore.AddRange(intermediates.ToArray());

        // Anchors also go to the extra store so a non-self-signed anchor is found as an issuer on every platform.
        policy.ExtraStore.AddRange(anchors.ToArray());
        policy.RevocationMode = X509RevocationMode.NoCheck;
        policy.DisableCertificateDownloads = true;
        policy.VerificationTime = time.UtcDateTime;
        policy.VerificationTimeIgnored = false;
        chain.Build(leaf);

        var elements = chain.ChainElements;
        var anchorIndex = -1;
        for (var i = 0; i < elements.Count && anchorIndex < 0; i++)
        {
            var raw = elements[i].Certificate.RawData;
            if (anchors.Exists(a => a.RawData.AsSpan().SequenceEqual(raw)))
            {
                anchorIndex = i;
            }
        }

        if (anchorIndex < 0)
        {
            var subject = leaf.Subject.Length == 0 ? "(empty subject)" : leaf.Subject;
            return Fail($"certificate '{subject}' does not chain to a trusted root");
        }

        var path = new List<X509Certificate2>();
        for (var i = 0; i <= anchorIndex; i++)
        {
            var element = elements[i];
            var flags = element.ChainElementStatus.Aggregate(X509ChainStatusFlags.NoError, (f, s) => f | s.Status) & ~IgnorableAtOrBelowAnchor;
            var cert = element.Certificate;
            var name = cert.Subject.Length == 0 ? "(empty subject)" : cert.Subject;
            if (flags.HasFlag(X509ChainStatusFlags.NotTimeValid))
            {
                return Fail($"certificate '{name}' is not valid at {time.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ} (valid {cert.NotBefore.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ} to {cert.NotAfter.ToUniversalTime():yyyy-MM-ddTHH:mm:ssZ})");
            }

            if (flags != X509ChainStatusFlags.NoError)
            {
                return Fail($"certificate '{name}' failed chain validation: {string.Join("; ", element.ChainElementStatus.Where(s => (s.Status & ~IgnorableAtOrBelowAnchor) != 0).Select(s => s.StatusInformation.Trim()))}");
            }

            if (requiredExtendedKeyUsage is not null && !PermitsUsage(cert, requiredExtendedKeyUsage))
            {
                return Fail($"certificate '{name}' does not permit extended key usage {requiredExtendedKeyUsage}");
            }

            path.Add(cert);
        }

        return new ChainVerificationResult(true, path, null);
    }

    /// <summary>Go semantics: no EKU extension permits everything; otherwise the OID or anyExtendedKeyUsage must be listed.</summary>
    internal static bool PermitsUsage(X509Certificate2 certificate, string oid)
    {
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509EnhancedKeyUsageExtension eku)
            {
                foreach (var usage in eku.EnhancedKeyUsages)
                {
                    if (usage.Value == oid || usage.Value == Oids.AnyExtendedKeyUsage)
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        return true;
    }

    private static ChainVerificationResult Fail(string error) => new(false, [], error);
}
