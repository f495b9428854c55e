using Cilock.Attestation.Diagnostics;

namespace Cilock.Operations.Recording;

// The pack step: `dotnet pack` reads the compiler's originals in obj/, while the build step's products name both obj/ and
// the bin/ copies. Content-only Merkle trees collapse equal files to the smallest path (bin/ sorts before obj/), so the
// build's product tree names bin/. Recording the bin/ copy as a material too lets `artifactsFrom: ["build"]` compare the
// packed bytes with the signed build's products; a copy that differs means one side changed after the build.
public sealed partial class StepRecordingOperation
{
    /// <summary>
    /// Adds each build-output copy of a packed file to the materials after checking the two are byte-identical.
    /// </summary>
    /// <param name="options">The pack step's options.</param>
    /// <param name="copies">Packed file (full path) → its build-output copy (full path); pairs with a missing file are skipped.</param>
    /// <exception cref="CilockException">CIL2008 when a packed file and its copy differ.</exception>
    public static StepRecordingOptions WithPackedOutputCopies(StepRecordingOptions options, IEnumerable<(string Packed, string Copy)> copies)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(copies);
        var added = new List<string>();
        foreach (var (packed, copy) in copies)
        {
            if (string.Equals(packed, copy, StringComparison.Ordinal) || !File.Exists(packed) || !File.Exists(copy))
            {
                continue;
            }

            if (!FileSha256(packed, RecordingDiagnostics.StepFailed).AsSpan().SequenceEqual(FileSha256(copy, RecordingDiagnostics.StepFailed)))
            {
                throw new CilockException(
                    RecordingDiagnostics.PackedCopyDiffers,
                    $"the packed file '{packed}' differs from its build output '{copy}': one was changed after the build; rebuild before packing");
            }

            added.Add(copy);
        }

        return added.Count == 0 ? options : options with { Materials = [.. options.Materials, .. added] };
    }
}
