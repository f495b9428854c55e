using System.Text;
using System.Text.Json;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Model;
using Cilock.Policy.Verification;

namespace Cilock.Policy.Loading;

/// <summary>
/// Loads a policy (spec policy.md §2): verifies the DSSE envelope against the supplied keys / CA roots (payloadType is
/// not checked, as upstream), applies cilock's identity-pinning rule to certificate signers, parses the payload
/// bytes as they are (never re-serialized), then checks expiry and structure. Fails closed with CIL30xx.
/// </summary>
public static class PolicyLoader
{
    /// <summary>The default policy payloadType (Witness and cilock sign with it).</summary>
    public const string WitnessPolicyPayloadType = "https://witness.testifysec.com/policy/v0.1";

    /// <summary>cilock's alternate policy payloadType.</summary>
    public const string AflockPolicyPayloadType = "https://aflock.ai/policy/v0.1";

    /// <summary>Reads and checks a policy file.</summary>
    /// <exception cref="CilockException">CIL3001–CIL3012 when the policy cannot be trusted or used.</exception>
    public static VerifiedPolicy Load(string path, PolicyLoadOptions options)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CilockException(PolicyDiagnostics.PolicyUnreadable, $"cannot read policy '{path}': {e.Message}", e);
        }

        return Load(bytes, options, path);
    }

    /// <summary>Checks policy file bytes (an envelope, or a bare policy when unsigned policies are allowed).</summary>
    /// <exception cref="CilockException">CIL3002–CIL3012 when the policy cannot be trusted or used.</exception>
    public static VerifiedPolicy Load(ReadOnlySpan<byte> fileBytes, PolicyLoadOptions options, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var diagnostics = new List<Diagnostic>();
        byte[] payload;
        string? payloadType = null;
        IReadOnlyList<string> signers = [];
        if (IsEnvelope(fileBytes))
        {
            DsseEnvelope envelope;
            try
            {
                envelope = DsseEnvelope.Parse(fileBytes);
            }
            catch (CilockException e)
            {
                throw new CilockException(PolicyDiagnostics.PolicyMalformed, $"{Prefix(source)}the policy envelope is malformed: {e.Message}", e);
            }

            payload = envelope.Payload;
            payloadType = envelope.PayloadType;
            if (options.PublicKeys.Count == 0 && options.CaRoots.Count == 0)
            {
                if (!options.AllowUnsignedUnsafe)
                {
                    throw new CilockException(PolicyDiagnostics.PolicyTrustMissing, $"{Prefix(source)}no policy key or CA given: pass --publickey (or --policy-ca) to verify the policy signature");
                }

                diagnostics.Add(Diagnostic.Warning(PolicyDiagnostics.PolicyUnsigned, $"{Prefix(source)}the policy signature was NOT verified (unsigned policies allowed)"));
                payloadType = null;
            }
            else
            {
                signers = VerifySignature(envelope, options, source);
            }
        }
        else
        {
            if (!options.AllowUnsignedUnsafe)
            {
                throw new CilockException(PolicyDiagnostics.PolicyUnsigned, $"{Prefix(source)}the policy is not signed; sign it with 'cilock policy sign' (or explicitly allow unsigned policies)");
            }

            diagnostics.Add(Diagnostic.Warning(PolicyDiagnostics.PolicyUnsigned, $"{Prefix(source)}using an UNSIGNED policy"));
            payload = fileBytes.ToArray();
        }

        var document = PolicyReader.Parse(payload, source);
        var now = options.Verification.Time.GetUtcNow();
        if (document.Expires is not { } expires || expires <= now)
        {
            var when = document.Expires is { } e ? $"expired at {e:O}" : "has no 'expires' (treated as expired, like Go)";
            throw new CilockException(PolicyDiagnostics.PolicyExpired, $"{Prefix(source)}the policy {when}; renew it and sign it again");
        }

        var findings = PolicyValidator.Validate(document, options.Verification);
        var errors = findings.Where(f => f.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new CilockException(errors[0].Code, Prefix(source) + string.Join("; ", errors.Select(e => e.Message)));
        }

        diagnostics.AddRange(findings);
        return new VerifiedPolicy(document, payload, payloadType, signers, diagnostics);
    }

    private static List<string> VerifySignature(DsseEnvelope envelope, PolicyLoadOptions options, string? source)
    {
        var result = DsseVerifier.Verify(envelope, new DsseVerificationOptions
        {
            Verifiers = options.PublicKeys,
            Roots = options.CaRoots,
            Intermediates = options.CaIntermediates,
            TimestampAuthorities = options.TimestampAuthorities,
            WitnessTimeFallback = options.Verification.WitnessTimeFallback,
            WitnessCompatAnyExtendedKeyUsage = options.Verification.CertConstraints == ConstraintSemantics.Witness,
            TimeProvider = options.Verification.Time,
        });
        if (!result.IsValid)
        {
            throw new CilockException(PolicyDiagnostics.PolicySignatureInvalid, $"{Prefix(source)}the policy signature does not verify: {result.Error}");
        }

        var accepted = new List<string>();
        var reasons = new List<string>();
        var roots = options.CaRoots.Select((c, i) => new TrustedRoot($"policy-ca-{i}", c, options.CaIntermediates)).ToList();
        foreach (var passed in result.Passed)
        {
            if (passed.Certificate is null)
            {
                accepted.Add(passed.KeyId);
                continue;
            }

            if (CheckCertificateSigner(passed.Certificate, options, roots) is { } why)
            {
                reasons.Add(why);
            }
            else
            {
                accepted.Add(passed.KeyId);
            }
        }

        if (accepted.Count == 0)
        {
            var code = reasons.Any(r => r.Contains("identity constraint", StringComparison.Ordinal)) ? PolicyDiagnostics.PolicySignerUnpinned : PolicyDiagnostics.PolicySignatureInvalid;
            throw new CilockException(code, $"{Prefix(source)}the policy signer is not accepted: {string.Join("; ", reasons)}");
        }

        return [.. accepted.Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The synthetic root functionary of policy.md §2 for a certificate policy signer.</summary>
    private static string? CheckCertificateSigner(VerifiedCertificate certificate, PolicyLoadOptions options, List<TrustedRoot> roots)
    {
        var identity = options.SignerIdentity;
        var witness = options.Verification.CertConstraints == ConstraintSemantics.Witness;
        if (!witness && !identity.IsPinned)
        {
            return "a certificate-signed policy needs at least one signer identity constraint (--policy-commonname, --policy-emails, --policy-uris, … or a Fulcio extension)";
        }

        var id = CertificateIdentity.From(certificate.Leaf);
        List<string>? Fill(IReadOnlyList<string>? pinned, IReadOnlyList<string> actual) =>
            pinned is { Count: > 0 } ? [.. pinned] : witness || actual.Count == 0 ? ["*"] : [];

        var constraint = new CertConstraint
        {
            CommonName = identity.CommonName is { Length: > 0 } cn ? cn : "*",
            DnsNames = Fill(identity.DnsNames, id.DnsNames),
            Emails = Fill(identity.Emails, id.Emails),
            Organizations = Fill(identity.Organizations, id.Organizations),
            Uris = Fill(identity.Uris, id.Uris),
            Roots = ["*"],
            Extensions = identity.Extensions?.ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.OrdinalIgnoreCase),
        };
        var semantics = witness ? ConstraintSemantics.Witness : ConstraintSemantics.Cilock;
        var why = CertConstraintChecker.Check(constraint, certificate.Leaf, certificate.Intermediates, certificate.TrustedTime, roots, semantics, hardening: false);
        return why is null ? null : $"certificate signer does not satisfy the policy signer constraints: {why}";
    }

    private static bool IsEnvelope(ReadOnlySpan<byte> bytes)
    {
        try
        {
            var reader = new Utf8JsonReader(bytes.StartsWith(Encoding.UTF8.Preamble) ? bytes[3..] : bytes);
            using var doc = JsonDocument.ParseValue(ref reader);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var names = doc.RootElement.EnumerateObject().Select(p => p.Name.ToLowerInvariant()).ToHashSet();
            return names.Contains("payload") && names.Contains("signatures");
        }
        catch (InvalidOperationException e)
        {
            // JsonDocument validates UTF-8 inside names and strings only when they are read (found by build/fuzz.sh policy).
            throw new CilockException(PolicyDiagnostics.PolicyMalformed, "the policy has a member name or string that is not valid UTF-8/UTF-16", e);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Prefix(string? source) => source is null ? string.Empty : $"{source}: ";
}
