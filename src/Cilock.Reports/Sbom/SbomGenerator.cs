using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.IO;
using Cilock.Reports.CycloneDx;
using Cilock.Reports.Spdx;

namespace Cilock.Reports.Sbom;

/// <summary>
/// Generates CycloneDX 1.6 and/or SPDX 2.3 SBOMs from NuGet's <c>project.assets.json</c>: every resolved package
/// (direct and transitive) and project reference, with purl, SHA-512, license, authors, description, scope and the
/// dependency graph, the product as the root with its file hashes. Same inputs, same bytes (docs/sbom.md).
/// </summary>
public static class SbomGenerator
{
    /// <summary>Generates the documents of <paramref name="request"/>.</summary>
    /// <exception cref="CilockException">CIL2100 for an unusable assets file, CIL2106 for an unreadable product file.</exception>
    public static SbomGenerationResult Generate(SbomRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var diagnostics = new List<Diagnostic>();
        var inventory = SbomInventory.Build(request, diagnostics);
        var documents = new List<SbomOutput>();
        if (request.Formats.HasFlag(SbomFormats.CycloneDx))
        {
            documents.Add(new SbomOutput(SbomFormats.CycloneDx, ".cdx.json", CycloneDxBuilder.Build(inventory)));
        }

        if (request.Formats.HasFlag(SbomFormats.Spdx))
        {
            documents.Add(new SbomOutput(SbomFormats.Spdx, ".spdx.json", SpdxBuilder.Build(inventory)));
        }

        return new SbomGenerationResult(documents, diagnostics);
    }

    /// <summary>
    /// Writes every document as <c>&lt;directory&gt;/&lt;baseName&gt;&lt;extension&gt;</c> (atomically; a file that
    /// already has the same bytes is left untouched, so incremental builds see no change) and returns the paths.
    /// </summary>
    /// <exception cref="CilockException">CIL2103 when a file cannot be written.</exception>
    public static IReadOnlyList<string> Write(SbomGenerationResult result, string directory, string baseName)
    {
        ArgumentNullException.ThrowIfNull(result);
        var paths = new List<string>();
        foreach (var document in result.Documents)
        {
            var path = Path.GetFullPath(Path.Combine(directory, baseName + document.Extension));
            try
            {
                if (!File.Exists(path) || !File.ReadAllBytes(path).AsSpan().SequenceEqual(document.Content.Span))
                {
                    AtomicFile.WriteAllBytes(path, document.Content.Span);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CilockException)
            {
                throw new CilockException(SbomDiagnostics.NotWritable, $"cannot write the SBOM '{path}': {e.Message}", e);
            }

            paths.Add(path);
        }

        return paths;
    }
}
