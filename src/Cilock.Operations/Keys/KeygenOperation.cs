using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Signing;
using Cilock.Operations.Diagnostics;
using Cilock.Operations.IO;

namespace Cilock.Operations.Keys;

/// <summary>Generates a signing key pair and writes it as <c>PREFIX.key</c> + <c>PREFIX.pub</c>.</summary>
public static class KeygenOperation
{
    /// <summary>Generates and writes the key pair; either both files are written or neither.</summary>
    /// <exception cref="CilockException">CIL1510 a file exists (without overwrite), CIL1503/CIL1002 not writable.</exception>
    public static KeygenResult Execute(KeygenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = options.OutputPrefix;
        if (string.IsNullOrWhiteSpace(prefix))
        {
            throw new CilockException(OperationDiagnostics.InvalidOutputPath, "the output prefix must not be empty");
        }

        // Accept "name.key" as well as "name": users often pass the private key name they expect.
        if (prefix.EndsWith(".key", StringComparison.OrdinalIgnoreCase))
        {
            prefix = prefix[..^4];
        }

        var privatePath = Path.GetFullPath(prefix + ".key");
        var publicPath = Path.GetFullPath(prefix + ".pub");
        foreach (var path in new[] { privatePath, publicPath })
        {
            if (!options.Overwrite && (File.Exists(path) || Directory.Exists(path)))
            {
                throw new CilockException(OperationDiagnostics.KeyFileExists, $"'{path}' already exists; choose another --outfile prefix or pass --force to replace it");
            }

            OutputProbe.EnsureWritable(path);
        }

        var key = KeyGenerator.Generate(options.Algorithm);
        try
        {
            KeyGenerator.Write(key, privatePath, publicPath);
        }
        catch (CilockException)
        {
            // Never leave half a pair: a private key without its public key (or an old public key) is a trap.
            TryDelete(privatePath);
            TryDelete(publicPath);
            throw;
        }

        return new KeygenResult(privatePath, publicPath, key.KeyId, key.Algorithm);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Best effort; the original error is what the user needs to see.
        }
    }
}
