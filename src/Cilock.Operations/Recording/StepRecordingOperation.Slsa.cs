using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.Slsa;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.InToto;

namespace Cilock.Operations.Recording;

// The slsa attestor for recorded steps, and the standalone SLSA provenance statement for ecosystem tools.
public sealed partial class StepRecordingOperation
{
    /// <summary>The suffix of the standalone provenance statement, written beside the package: <c>&lt;id&gt;.&lt;version&gt;.provenance.intoto.json</c>.</summary>
    public const string SlsaStatementSuffix = ".provenance.intoto.json";

    /// <summary>
    /// Writes, for every <c>.nupkg</c> product of <paramref name="options"/>, a signed in-toto v1 statement of type
    /// <c>https://slsa.dev/provenance/v1</c> (SLSA v1 spec shape, cilock build type) whose subject is the package
    /// (file name + sha256): <c>&lt;package without .nupkg&gt;.provenance.intoto.json</c> beside it. The provenance
    /// is the slsa attestation of the step's signed collection at <paramref name="envelopePath"/>, so the export
    /// says exactly what the step recorded. Signed like the step (keyless in CI with its bundle beside it, else
    /// the step's key). Returns the files written.
    /// </summary>
    /// <exception cref="CilockException">CIL6201 when there is no package, no slsa attestation, or reading, signing or writing fails; CIL6200 for a malformed attestation.</exception>
    public IReadOnlyList<string> ExportSlsaStatements(StepRecordingOptions options, string envelopePath)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(envelopePath);
        var packages = PackageProducts(options);
        if (packages.Count == 0)
        {
            throw new CilockException(SlsaDiagnostics.ExportFailed, $"step '{options.StepName}' has no .nupkg product to be the subject of the provenance statement");
        }

        var provenance = ReadProvenance(envelopePath);
        var written = new List<string>();
        foreach (var package in packages)
        {
            var statement = SlsaStatement.Create(provenance, [new Subject(Path.GetFileName(package), [new(DigestSet.Sha256, FileSha256Hex(package, SlsaDiagnostics.ExportFailed))])]);
            var target = package[..^".nupkg".Length] + SlsaStatementSuffix;
            WriteSignedStatement(options, target, statement, SlsaDiagnostics.ExportFailed, "provenance statement");
            written.Add(target);
        }

        return written;
    }

    private static void AddSlsaAttestor(List<IAttestor> attestors, StepRecordingOptions options)
    {
        if (options.SlsaProvenance)
        {
            attestors.Add(new SlsaProvenanceAttestor(options.StepStartedOn, options.StepFinishedOn));
        }
    }

    private static SlsaProvenance ReadProvenance(string envelopePath)
    {
        try
        {
            var envelope = DsseEnvelope.Parse(File.ReadAllText(envelopePath));
            var document = CollectionReader.Read(envelope.Payload);
            return SlsaProvenance.FromCollection(document.Collection)
                ?? throw new CilockException(SlsaDiagnostics.ExportFailed, $"the evidence '{envelopePath}' has no SLSA provenance attestation (is the slsa attestor on?)");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CilockException(SlsaDiagnostics.ExportFailed, $"cannot read the evidence '{envelopePath}': {e.Message}", e);
        }
    }
}
