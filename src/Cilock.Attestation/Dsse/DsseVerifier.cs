using System.Security.Cryptography.X509Certificates;
using Cilock.Attestation.Crypto;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Signing;

namespace Cilock.Attestation.Dsse;

/// <summary>
/// The envelope verification loop of spec dsse-and-keys.md §6 with cilock semantics by default: every caller
/// verifier is tried on every signature (the keyid member never selects a key), certificate signatures verify
/// through their chain at a trusted TSA time, and the threshold counts distinct keyids.
/// </summary>
public static class DsseVerifier
{
    /// <summary>Verifies <paramref name="envelope"/>; never throws for bad signatures, only for invalid options.</summary>
    /// <exception cref="CilockException">CIL1014 when the threshold is not positive.</exception>
    public static DsseVerificationResult Verify(DsseEnvelope envelope, DsseVerificationOptions options)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Threshold <= 0)
        {
            throw new CilockException(CryptoDiagnostics.InvalidOptions, $"the signature threshold must be greater than 0 (got {options.Threshold})");
        }

        var passed = new List<DssePassedSignature>();
        var failures = new List<DsseSignatureFailure>();
        var timestamps = new List<VerifiedTimestamp>();
        if (envelope.Signatures.Count == 0)
        {
            failures.Add(new DsseSignatureFailure(-1, "", "the envelope has no signatures"));
            return new DsseVerificationResult(options.Threshold, passed, failures, timestamps);
        }

        var pae = Pae.Encode(envelope.PayloadType, envelope.Payload);
        for (var i = 0; i < envelope.Signatures.Count; i++)
        {
            var signature = envelope.Signatures[i];
            var passedBefore = passed.Count;
            var stamps = new Lazy<List<(string Authority, TimestampVerificationResult Result)>>(() => VerifyTimestamps(signature, options));
            if (signature.CertificatePem is not null)
            {
                // Unparsable certificate: cilock logs it and still tries the key verifiers (Witness skips the signature).
                if (CertificatePem.TryParse(signature.CertificatePem, out var leaf))
                {
                    VerifyCertificateSignature(i, signature, leaf, pae, options, stamps, passed, failures);
                }
                else
                {
                    failures.Add(new DsseSignatureFailure(i, "", "the signature's certificate is not a PEM certificate"));
                }
            }

            foreach (var verifier in options.Verifiers)
            {
                if (verifier.Verify(pae, signature.Signature))
                {
                    passed.Add(new DssePassedSignature(i, verifier.KeyId, verifier, null));
                }
                else
                {
                    failures.Add(new DsseSignatureFailure(i, verifier.KeyId, "the signature does not verify with this key"));
                }
            }

            if (passed.Count > passedBefore)
            {
                timestamps.AddRange(stamps.Value.Where(s => s.Result.IsValid).Select(s => new VerifiedTimestamp(i, s.Authority, s.Result.GenTime)));
            }
        }

        return new DsseVerificationResult(options.Threshold, passed, failures, timestamps);
    }

    private static void VerifyCertificateSignature(
        int index,
        DsseSignature signature,
        X509Certificate2 leaf,
        byte[] pae,
        DsseVerificationOptions options,
        Lazy<List<(string Authority, TimestampVerificationResult Result)>> stamps,
        List<DssePassedSignature> passed,
        List<DsseSignatureFailure> failures)
    {
        IVerifier verifier;
        try
        {
            verifier = KeyLoader.CreateVerifier(leaf, options.AcceptRsaPkcs1v15);
        }
        catch (CilockException e)
        {
            failures.Add(new DsseSignatureFailure(index, "", $"certificate key unusable: {e.Message}"));
            return;
        }

        void Fail(string reason) => failures.Add(new DsseSignatureFailure(index, verifier.KeyId, reason));
        if (!verifier.Verify(pae, signature.Signature))
        {
            Fail("the signature does not verify with its certificate's key");
            return;
        }

        var intermediates = new List<X509Certificate2>();
        foreach (var pem in signature.IntermediatePems)
        {
            if (!CertificatePem.TryParse(pem, out var intermediate))
            {
                Fail("an intermediate certificate of the signature is not a PEM certificate");
                return;
            }

            intermediates.Add(intermediate);
        }

        // The instants at which the chain may be checked: verified TSA genTimes, or now under the Witness fallback.
        var times = new List<(DateTimeOffset Time, bool FromTimestamp)>();
        if (options.TimestampAuthorities.Count > 0)
        {
            foreach (var (authority, ts) in stamps.Value)
            {
                if (ts.IsValid)
                {
                    times.Add((ts.GenTime, true));
                }
                else
                {
                    Fail($"timestamp not accepted by '{authority}': {ts.Error}");
                }
            }

            if (times.Count == 0)
            {
                Fail(signature.Timestamps.Count == 0
                    ? "certificate signature has no timestamp, and a trusted timestamp is required"
                    : "no timestamp on the certificate signature verifies with a trusted timestamp authority");
                return;
            }
        }
        else if (options.WitnessTimeFallback)
        {
            times.Add((options.TimeProvider.GetUtcNow(), false));
        }
        else
        {
            Fail("certificate signatures need proof of signing time: configure a timestamp authority (or enable the Witness time fallback)");
            return;
        }

        var eku = options.WitnessCompatAnyExtendedKeyUsage ? null : Oids.CodeSigning;
        foreach (var (time, fromTimestamp) in times)
        {
            var chain = CertificateChainVerifier.Verify(leaf, [.. intermediates, .. options.Intermediates], options.Roots, time, eku);
            if (chain.IsValid)
            {
                var certificate = new VerifiedCertificate(index, verifier.KeyId, leaf, intermediates, chain.Chain, time, fromTimestamp);
                passed.Add(new DssePassedSignature(index, verifier.KeyId, verifier, certificate));
                return;
            }

            Fail($"certificate chain at {time.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}: {chain.Error}");
        }
    }

    // Every (token, authority) pair; computed at most once per signature and shared by the certificate check and the report.
    private static List<(string Authority, TimestampVerificationResult Result)> VerifyTimestamps(DsseSignature signature, DsseVerificationOptions options)
    {
        var results = new List<(string, TimestampVerificationResult)>();
        foreach (var token in signature.Timestamps)
        {
            foreach (var tsa in options.TimestampAuthorities)
            {
                results.Add((tsa.Name, TimestampVerifier.Verify(token, signature.Signature, tsa, !options.CompatNonCriticalTimestampEku)));
            }
        }

        return results;
    }
}
