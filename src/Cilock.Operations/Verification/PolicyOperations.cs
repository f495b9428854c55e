using System.Text;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.IO;
using Cilock.Attestation.Signing;
using Cilock.Policy.Authoring;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Evidence;
using Cilock.Policy.Loading;
using Cilock.Policy.Model;
using Cilock.Policy.Rules;
using Cilock.Policy.Verification;

namespace Cilock.Operations.Verification;

/// <summary><c>cilock policy new|sign|check</c>: scaffold, sign and check policies. Never throws for bad input.</summary>
public static class PolicyOperations
{
    /// <summary>Scaffolds a policy from evidence (see <see cref="PolicyScaffolder"/>).</summary>
    public static PolicyOperationResult New(PolicyNewOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Guard(() =>
        {
            var diagnostics = new List<Diagnostic>();
            var evidence = new FileEvidenceSource(options.Evidence).Load(diagnostics);
            var keys = options.Keys.Select(PolicyKey.Load).ToList();
            var policy = PolicyScaffolder.Scaffold(evidence, keys, options.Time, diagnostics);
            foreach (var rule in options.Rules)
            {
                PolicyRuleApplier.Apply(policy, rule);
            }

            var bytes = PolicyWriter.Serialize(policy);
            if (options.OutFile is { } outFile)
            {
                AtomicFile.WriteAllBytes(outFile, bytes);
            }

            return new PolicyOperationResult(0, diagnostics, bytes, options.OutFile);
        });
    }

    /// <summary>Signs the exact bytes of a policy file (DSSE, Witness policy payloadType) after checking it parses.</summary>
    public static PolicyOperationResult Sign(string policyPath, string keyPath, string? outFile, string? passwordEnvironmentVariable = null)
    {
        return Guard(() =>
        {
            byte[] bytes;
            try
            {
                bytes = File.ReadAllBytes(policyPath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CilockException(PolicyDiagnostics.PolicyUnreadable, $"cannot read policy '{policyPath}': {e.Message}", e);
            }

            // Refuse to sign something that is not a policy (e.g. an envelope signed twice by mistake).
            PolicyReader.Parse(bytes, policyPath);
            var signer = KeyLoader.LoadSigner(keyPath, passwordEnvironmentVariable);
            var envelope = Encoding.UTF8.GetBytes(DsseSigner.Sign(PolicyLoader.WitnessPolicyPayloadType, bytes, [signer]).ToJson() + "\n");
            if (outFile is not null)
            {
                AtomicFile.WriteAllBytes(outFile, envelope);
            }

            return new PolicyOperationResult(0, [], envelope, outFile);
        });
    }

    /// <summary>
    /// Checks a policy: schema, structure, expiry, every Rego module compiles, and — when keys are given — the signature.
    /// Exit 0 when usable, 1 otherwise.
    /// </summary>
    public static PolicyOperationResult Check(string policyPath, IReadOnlyList<string> publicKeys, PolicyVerificationOptions? verification = null)
    {
        var options = verification ?? new PolicyVerificationOptions();
        return Guard(() =>
        {
            var diagnostics = new List<Diagnostic>();
            var keys = publicKeys.Select(p => KeyLoader.LoadVerifier(p)).ToList();
            var policy = PolicyLoader.Load(policyPath, new PolicyLoadOptions
            {
                PublicKeys = keys,
                AllowUnsignedUnsafe = keys.Count == 0,
                Verification = options,
            });
            if (keys.Count == 0)
            {
                diagnostics.Add(Diagnostic.Warning(PolicyDiagnostics.PolicyTrustMissing, "signature not checked: pass --publickey to verify it", policyPath));
            }

            diagnostics.AddRange(policy.Diagnostics.Where(d => d.Code != PolicyDiagnostics.PolicyUnsigned || keys.Count > 0));
            var rego = PolicyRegoCheck.Check(policy.Document, options);
            diagnostics.AddRange(rego);
            _ = new PolicyVerifier(policy, options); // builds the trust material: keyids must match their keys
            var failed = diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);
            return new PolicyOperationResult(failed ? 1 : 0, diagnostics);
        });
    }

    private static PolicyOperationResult Guard(Func<PolicyOperationResult> body)
    {
        try
        {
            return body();
        }
        catch (CilockException e)
        {
            // Rule-library codes mean a bad --rule request (usage), not a policy that failed a check.
            var failedCheck = e.Code.StartsWith("CIL3", StringComparison.Ordinal) && e.Code != PolicyDiagnostics.PolicyUnreadable
                && e.Code is not (RuleDiagnostics.UnknownRule or RuleDiagnostics.InvalidParameter or RuleDiagnostics.NoMatchingAttestation);
            return new PolicyOperationResult(failedCheck ? 1 : 2, [e.ToDiagnostic()]);
        }
    }
}
