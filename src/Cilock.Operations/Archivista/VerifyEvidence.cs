using Cilock.Operations.Bundles;
using Cilock.Operations.Verification;
using Cilock.Policy.Evidence;

namespace Cilock.Operations.Archivista;

/// <summary>The evidence a verification reads: files, bundles and Archivista, in that order.</summary>
internal static class VerifyEvidence
{
    /// <summary>Whether <paramref name="options"/> names any evidence at all.</summary>
    public static bool Any(VerifyOptions options) =>
        options.Attestations.Count > 0 || options.Bundles.Count > 0 || options.Archivista is not null;

    /// <summary>The combined source for <paramref name="options"/>; <paramref name="artifactSha256"/> joins the search subjects.</summary>
    public static IEvidenceSource Create(VerifyOptions options, string? artifactSha256, IBundleEvidenceReader? bundleReader = null)
    {
        var sources = new List<IEvidenceSource>();
        if (options.Attestations.Count > 0)
        {
            sources.Add(new FileEvidenceSource(options.Attestations) { BundleReader = bundleReader });
        }

        sources.AddRange(options.Bundles.Select(b => new BundleEvidenceSource(b)));
        if (options.Archivista is { } archivista)
        {
            sources.Add(new ArchivistaEvidenceSource(archivista, [.. options.Subjects, .. artifactSha256 is null ? Array.Empty<string>() : [artifactSha256]]));
        }

        return sources.Count == 1 ? sources[0] : new CompositeEvidenceSource(sources);
    }
}
