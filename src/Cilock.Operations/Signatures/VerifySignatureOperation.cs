using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;
using Cilock.Operations.Diagnostics;
using Cilock.Operations.Inspection;
using Cilock.Operations.IO;

namespace Cilock.Operations.Signatures;

/// <summary>
/// Checks the signatures of every envelope in a file against the given public keys (spec dsse-and-keys.md §6, cilock
/// rules: keyid hints never select a key, the threshold counts distinct keys). Only signatures are checked, not what
/// the evidence says: that is <c>cilock verify</c> with a policy.
/// </summary>
public static class VerifySignatureOperation
{
    /// <summary>Verifies every envelope of <see cref="VerifySignatureOptions.EvidencePath"/>.</summary>
    /// <exception cref="CilockException">
    /// Unreadable or malformed input (CIL1520–CIL1522, CIL1011–CIL1013) or unusable keys (CIL1001–CIL1007).
    /// A signature that does not verify is a result, not an exception.
    /// </exception>
    public static VerifySignatureResult Execute(VerifySignatureOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PublicKeyPaths.Count == 0)
        {
            throw new CilockException(OperationDiagnostics.NoPublicKey, "no public key given: pass --key PUB.pem");
        }

        // Keys first: a bad key is a usage error whatever the file holds.
        var verifiers = options.PublicKeyPaths.Select(p => KeyLoader.LoadVerifier(p)).ToList();
        var bytes = InputFile.ReadAllBytes(options.EvidencePath, "evidence file");
        var (kind, envelopes) = EvidenceFile.Parse(bytes, options.EvidencePath);
        if (kind == EvidenceFileKind.Statement)
        {
            return new VerifySignatureResult(
                options.EvidencePath,
                [new EnvelopeVerification(1, null, [], "the file is an unsigned in-toto statement, not a DSSE envelope")]);
        }

        var verification = new DsseVerificationOptions { Verifiers = verifiers, Threshold = options.Threshold };
        return new VerifySignatureResult(
            options.EvidencePath,
            [.. envelopes.Select(e =>
            {
                var result = DsseVerifier.Verify(e.Envelope, verification);
                return new EnvelopeVerification(e.Line, e.Envelope.PayloadType, result.PassedKeyIds, result.Error);
            })]);
    }
}
