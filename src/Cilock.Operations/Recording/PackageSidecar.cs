using System.Text;
using System.Text.Json;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.IO;

namespace Cilock.Operations.Recording;

/// <summary>
/// Writes <c>&lt;package&gt;.nupkg.intoto.jsonl</c>: one DSSE envelope per line for every step that led to the
/// package. Build steps are included when one of their products was packed (a material of the pack step), test steps
/// when one of their materials is a product of an included build step, then the pack step itself. Stale evidence of
/// other configurations or earlier runs therefore never reaches the sidecar.
/// </summary>
public static class PackageSidecar
{
    /// <summary>The sidecar file name suffix.</summary>
    public const string Suffix = ".intoto.jsonl";

    /// <summary>Assembles and writes the sidecar next to <paramref name="packagePath"/>; returns its path and the included envelopes.</summary>
    /// <param name="packagePath">The .nupkg.</param>
    /// <param name="packEnvelopePath">The signed pack step.</param>
    /// <param name="candidateEnvelopePaths">Build and linked test envelopes that may belong to the package.</param>
    /// <exception cref="CilockException">CIL2007 when an envelope cannot be read; CIL2002 when the sidecar cannot be written.</exception>
    public static (string SidecarPath, IReadOnlyList<string> Included) Write(string packagePath, string packEnvelopePath, IEnumerable<string> candidateEnvelopePaths)
    {
        ArgumentException.ThrowIfNullOrEmpty(packagePath);
        ArgumentException.ThrowIfNullOrEmpty(packEnvelopePath);
        ArgumentNullException.ThrowIfNull(candidateEnvelopePaths);

        var pack = Load(packEnvelopePath);
        var candidates = candidateEnvelopePaths
            .Select(Path.GetFullPath)
            .Where(p => !string.Equals(p, Path.GetFullPath(packEnvelopePath), StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(Load)
            .ToList();

        var builds = candidates.Where(c => c.Artifacts.Products.Overlaps(pack.Artifacts.Materials)).ToList();
        var buildProducts = builds.SelectMany(b => b.Artifacts.Products).ToHashSet(StringComparer.Ordinal);
        var tests = candidates.Except(builds).Where(c => c.Artifacts.Materials.Overlaps(buildProducts)).ToList();

        var included = new List<Loaded>([.. builds, .. tests, pack]);
        var text = new StringBuilder();
        foreach (var item in included)
        {
            text.Append(item.Envelope.ToJson()).Append('\n');
        }

        var sidecar = Path.GetFullPath(packagePath) + Suffix;
        try
        {
            AtomicFile.WriteAllText(sidecar, text.ToString());
        }
        catch (CilockException e)
        {
            throw new CilockException(RecordingDiagnostics.EvidenceNotWritable, e.Message, e);
        }

        return (sidecar, [.. included.Select(i => i.Path)]);
    }

    private static Loaded Load(string path)
    {
        try
        {
            var envelope = DsseEnvelope.Parse(File.ReadAllText(path));
            return new Loaded(path, envelope, EnvelopeArtifacts.Read(envelope));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException or CilockException)
        {
            throw new CilockException(RecordingDiagnostics.SidecarFailed, $"cannot read evidence '{path}': {e.Message}; delete it and rebuild", e);
        }
    }

    private sealed record Loaded(string Path, DsseEnvelope Envelope, EnvelopeArtifacts Artifacts);
}
