using System.Text;
using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Diagnostics;
using Cilock.Gate.Packages;
using Cilock.Gate.Verification;
using Cilock.Policy.Evidence;

namespace Cilock.Gate.Publishing;

/// <summary>
/// The evidence a folder feed receives beside a pushed package (<c>PACKAGE.nupkg.intoto.jsonl</c>), composed from the
/// private copies that were verified, never from the originals. When the package's own sidecar was the only evidence,
/// it is published byte for byte; otherwise (<c>--attestations DIR</c>, other files) the file holds exactly the
/// envelopes the verifier reported as having made the verdict pass, one compact envelope per line.
/// </summary>
internal static class EvidenceSidecar
{
    /// <summary>
    /// The sidecar bytes for a passing <paramref name="verdict"/>, or <c>null</c> when nothing can be published (a
    /// warning then says why). Called before the push, so an inconsistent verdict stops the push instead of leaving a
    /// package without its evidence.
    /// </summary>
    /// <exception cref="CilockException">CIL3817 when a reported envelope is not in the verified evidence.</exception>
    internal static byte[]? Compose(PackageSnapshot snapshot, PublishRequest request, PackageVerdict verdict, ICollection<Diagnostic> diagnostics)
    {
        var sidecarCopy = request.SidecarPath is { } sidecar && snapshot.EvidenceCopies.TryGetValue(Path.GetFullPath(sidecar), out var copy) ? copy : null;
        if (sidecarCopy is not null && snapshot.EvidenceCopies.Count == 1)
        {
            // The package's own sidecar was all the evidence: publish exactly the file that was verified.
            return File.ReadAllBytes(sidecarCopy);
        }

        if (verdict.PassedEvidence.Count > 0)
        {
            return FromPassedEnvelopes(snapshot, request, verdict.PassedEvidence);
        }

        if (sidecarCopy is not null)
        {
            // A verifier that does not say which envelopes passed: the verified sidecar copy is still evidence it read.
            return File.ReadAllBytes(sidecarCopy);
        }

        diagnostics.Add(Diagnostic.Warning(
            GateDiagnostics.SidecarUnknown,
            $"no evidence is published beside '{Path.GetFileName(snapshot.PackagePath)}': the verifier did not report which envelopes passed"));
        return null;
    }

    private static byte[] FromPassedEnvelopes(PackageSnapshot snapshot, PublishRequest request, IReadOnlyList<VerifiedEnvelope> passed)
    {
        // Read the same private copies, in the same order, with the same reader the verifier used, so references match.
        var paths = request.Evidence.Select(snapshot.EvidenceFor).Distinct(StringComparer.Ordinal).ToList();
        var loaded = new FileEvidenceSource(paths).Load(new List<Diagnostic>());
        var wanted = passed.ToHashSet();
        var lines = new StringBuilder();
        var found = new HashSet<VerifiedEnvelope>();
        foreach (var envelope in loaded)
        {
            var key = new VerifiedEnvelope(envelope.Reference, envelope.PayloadSha256);
            if (wanted.Contains(key) && found.Add(key))
            {
                lines.Append(envelope.Envelope.ToJson()).Append('\n');
            }
        }

        var missing = wanted.Except(found).FirstOrDefault();
        if (missing is not null)
        {
            throw new CilockException(
                GateDiagnostics.VerificationError,
                $"the verifier reported envelope '{snapshot.ToOriginalPaths(missing.Reference)}' as passed, but it is not in the verified evidence; nothing was pushed");
        }

        return Encoding.UTF8.GetBytes(lines.ToString());
    }
}
