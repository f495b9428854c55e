using Cilock.Attestation.Attestors;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;
using Cilock.Reports.Attestors;
using Cilock.Reports.Sbom;

namespace Cilock.Operations.Recording;

// The sbom attestor for recorded steps, and the standalone SBOM statements for ecosystem tools.
public sealed partial class StepRecordingOperation
{
    /// <summary>
    /// Writes, for every SBOM file of <paramref name="options"/>, a signed in-toto v1 statement whose predicate is
    /// the SBOM document (type <c>https://cyclonedx.org/bom</c> or <c>https://spdx.dev/Document</c>) and whose
    /// subjects are the step's <c>.nupkg</c> products: <c>&lt;sbom without .json&gt;.intoto.json</c> beside the SBOM.
    /// Returns the files written.
    /// </summary>
    /// <exception cref="CilockException">CIL2104 for an unusable SBOM; CIL2105 when there is no package subject or signing/writing fails.</exception>
    public IReadOnlyList<string> ExportSbomStatements(StepRecordingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var subjects = PackageProducts(options)
            .Select(p => new Subject(Path.GetFileName(p), [new(DigestSet.Sha256, FileSha256Hex(p, SbomDiagnostics.ExportFailed))]))
            .ToList();
        if (subjects.Count == 0)
        {
            throw new CilockException(SbomDiagnostics.ExportFailed, $"step '{options.StepName}' has no .nupkg product to be the subject of the SBOM statement");
        }

        var written = new List<string>();
        foreach (var file in SbomFilePaths(options))
        {
            var document = SbomDocument.Read(file);
            var statement = new Statement(document.PredicateType, subjects, document.Json.DeepClone(), Statement.TypeV1);
            var target = Path.Combine(Path.GetDirectoryName(file)!, Path.GetFileNameWithoutExtension(file) + ".intoto.json");
            WriteSignedStatement(options, target, statement, SbomDiagnostics.ExportFailed, "SBOM statement");
            written.Add(target);
        }

        return written;
    }

    private static void AddSbomAttestors(List<IAttestor> attestors, StepRecordingOptions options)
    {
        // Attestor names must be unique in a step: the second document (SPDX next to CycloneDX) gets its own.
        foreach (var (file, index) in SbomFilePaths(options).Select((f, i) => (f, i)))
        {
            attestors.Add(new SbomAttestor(file, index == 0 ? SbomAttestor.AttestorName : $"{SbomAttestor.AttestorName}-{index + 1}"));
        }
    }

    private static List<string> SbomFilePaths(StepRecordingOptions options) =>
        [.. options.SbomFiles.Where(f => !string.IsNullOrWhiteSpace(f))
            .Select(f => Path.GetFullPath(f, options.ProjectDirectory))
            .Distinct(StringComparer.Ordinal)];
}
