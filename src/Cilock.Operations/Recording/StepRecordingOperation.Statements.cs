using System.Security.Cryptography;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.InToto;
using Cilock.Attestation.IO;

namespace Cilock.Operations.Recording;

// What the standalone statements for ecosystem tools (SBOM, SLSA provenance) share: their package subjects, and being
// signed like the step itself.
public sealed partial class StepRecordingOperation
{
    // The step's existing .nupkg products, full paths, each once, in a stable order.
    private static List<string> PackageProducts(StepRecordingOptions options) =>
        [.. options.Products
            .Where(p => !string.IsNullOrWhiteSpace(p) && p.EndsWith(".nupkg", StringComparison.OrdinalIgnoreCase))
            .Select(p => Path.GetFullPath(p, options.ProjectDirectory))
            .Where(File.Exists)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];

    // Signed like the step itself (keyless in CI with its bundle beside it, else the step's key), written atomically;
    // any failure becomes ERRORCODE naming the target.
    private void WriteSignedStatement(StepRecordingOptions options, string target, Statement statement, string errorCode, string what)
    {
        try
        {
            var (envelope, _, bundle, _) = SignStatementAsync(options with { EvidencePath = target }, statement.ToJsonBytes(), CancellationToken.None)
                .GetAwaiter().GetResult();
            WriteBundle(target, bundle);
            AtomicFile.WriteAllText(target, envelope.ToJson());
        }
        catch (CilockException e)
        {
            throw new CilockException(errorCode, $"cannot write the {what} '{target}': {e.Code}: {e.Message}", e);
        }
    }

    private static byte[] FileSha256(string path, string errorCode)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return SHA256.HashData(stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CilockException(errorCode, $"cannot hash '{path}': {e.Message}", e);
        }
    }

    private static string FileSha256Hex(string path, string errorCode) => Convert.ToHexStringLower(FileSha256(path, errorCode));
}
