using Cilock.Attestation.Attestors.Ci;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Operations.Archivista;
using Cilock.Policy.Evidence;

namespace Cilock.Operations.Bundles;

/// <summary><c>cilock bundle create</c>: collect envelopes from files and/or Archivista into one evidence bundle.</summary>
public static class BundleCreateOperation
{
    /// <summary>Creates the bundle and returns its manifest; warnings (skipped files) go to <paramref name="diagnostics"/>.</summary>
    /// <exception cref="CilockException">CIL1731 for no input or no envelopes; CIL17xx Archivista failures; CIL3114 for a missing path.</exception>
    public static async Task<BundleManifest> ExecuteAsync(BundleCreateOptions options, ICollection<Diagnostic> diagnostics, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(diagnostics);
        if (options.Attestations.Count == 0 && options.Archivista is null)
        {
            throw new CilockException(CiDiagnostics.BundleInputInvalid, "nothing to bundle: pass --attestations FILE|DIR and/or --archivista URL with --subject");
        }

        if (options.Archivista is not null && options.Subjects.Count == 0)
        {
            throw new CilockException(CiDiagnostics.BundleInputInvalid, "--archivista needs at least one --subject sha256:HEX to start the search from");
        }

        var envelopes = new List<DsseEnvelope>();
        if (options.Attestations.Count > 0)
        {
            envelopes.AddRange(new FileEvidenceSource(options.Attestations).Load(diagnostics, ct).Select(e => e.Envelope));
        }

        if (options.Archivista is { } archivista)
        {
            var source = new ArchivistaEvidenceSource(archivista, options.Subjects, options.Depth, options.MaxEnvelopes);
            envelopes.AddRange((await source.CollectAsync(diagnostics, ct).ConfigureAwait(false)).Select(a => a.Envelope));
        }

        var (kind, url) = (options.Archivista, options.Attestations.Count) switch
        {
            (null, _) => ("file", ""),
            ({ } a, 0) => ("archivista", a.Url),
            _ => ("", ""),
        };
        var subjects = options.Subjects.Select(ArchivistaSearch.DigestValue);
        return EvidenceBundle.Write(options.OutputPath, envelopes, options.Time.GetUtcNow(), kind, url, subjects);
    }
}
