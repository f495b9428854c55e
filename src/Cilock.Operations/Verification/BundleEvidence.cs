using Cilock.Attestation.Diagnostics;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Evidence;
using Cilock.Policy.Loading;
using Cilock.Sigstore.TrustedRoots;

namespace Cilock.Operations.Verification;

/// <summary>How <see cref="VerifyOperation"/> reads Sigstore bundles as evidence and explains a deny caused by skipped files.</summary>
internal static class BundleEvidence
{
    private static readonly HashSet<string> SkipCodes = new(StringComparer.Ordinal)
    {
        EvidenceDiagnostics.BundleRejected, EvidenceDiagnostics.EvidenceWithdrawn, EvidenceDiagnostics.EvidenceFileDamaged,
        EvidenceDiagnostics.BundleUnsupported, PolicyDiagnostics.EvidenceUnreadable,
    };

    /// <summary>The bundle reader of a verification: the given trusted root (read now, so a bad one is an input error) or the embedded public-good one.</summary>
    /// <exception cref="CilockException">CIL6066 when <see cref="VerifyOptions.SigstoreTrustedRoot"/> cannot be loaded.</exception>
    public static IBundleEvidenceReader Reader(VerifyOptions options, VerifiedPolicy policy)
    {
        Func<TrustedRoot> root = TrustedRoot.PublicGood;
        if (options.SigstoreTrustedRoot is { } path)
        {
            TrustedRoot loaded;
            try
            {
                loaded = TrustedRoot.Load(path);
            }
            catch (CilockException e)
            {
                throw new CilockException(EvidenceDiagnostics.BundleTrustedRootInvalid, $"cannot use Sigstore trusted root '{path}': {e.Code}: {e.Message}", e);
            }

            root = () => loaded;
        }

        var keys = SigstoreBundleEvidenceReader.PolicyKeyPems((policy.Document.PublicKeys ?? []).Values.Select(k => k?.Key));
        return new SigstoreBundleEvidenceReader(root, keys, options.Verification.Time);
    }

    /// <summary>
    /// When the policy denied and evidence files were skipped or rejected on the way, says so in one error naming them:
    /// the skipped files may be exactly the evidence the failing steps lack.
    /// </summary>
    public static void ExplainDeny(bool passed, List<Diagnostic> diagnostics)
    {
        if (passed)
        {
            return;
        }

        var skipped = diagnostics.Where(d => SkipCodes.Contains(d.Code) && d.File is not null).Select(d => d.File!).Distinct(StringComparer.Ordinal).ToList();
        if (skipped.Count > 0)
        {
            diagnostics.Add(Diagnostic.Error(EvidenceDiagnostics.EvidenceSkippedOnDeny, $"the policy was not satisfied while {skipped.Count} evidence file(s) were skipped or rejected (see above): {string.Join(", ", skipped)}"));
        }
    }
}
