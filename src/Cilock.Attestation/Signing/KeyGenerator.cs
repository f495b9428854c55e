using System.Security.Cryptography;
using Cilock.Attestation.Crypto;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.IO;

namespace Cilock.Attestation.Signing;

/// <summary>Generates signing keys as PKCS#8 / SPKI PEM and writes them with safe file modes.</summary>
public static class KeyGenerator
{
    // RFC 8410 PKCS#8 prefix for an Ed25519 private key: version 0, id-Ed25519, OCTET STRING { OCTET STRING (32) }.
    private static readonly byte[] Ed25519Pkcs8Prefix = Convert.FromHexString("302e020100300506032b657004220420");

    /// <summary>Generates a key pair.</summary>
    public static GeneratedKey Generate(KeyAlgorithm algorithm = KeyAlgorithm.EcdsaP256)
    {
        byte[] pkcs8;
        byte[] spki;
        switch (algorithm)
        {
            case KeyAlgorithm.EcdsaP256 or KeyAlgorithm.EcdsaP384 or KeyAlgorithm.EcdsaP521:
                var curve = algorithm switch
                {
                    KeyAlgorithm.EcdsaP256 => ECCurve.NamedCurves.nistP256,
                    KeyAlgorithm.EcdsaP384 => ECCurve.NamedCurves.nistP384,
                    _ => ECCurve.NamedCurves.nistP521,
                };
                using (var ec = ECDsa.Create(curve))
                {
                    pkcs8 = ec.ExportPkcs8PrivateKey();
                    spki = ec.ExportSubjectPublicKeyInfo();
                }

                break;
            case KeyAlgorithm.Rsa3072 or KeyAlgorithm.Rsa4096:
                using (var rsa = RSA.Create(algorithm == KeyAlgorithm.Rsa3072 ? 3072 : 4096))
                {
                    pkcs8 = rsa.ExportPkcs8PrivateKey();
                    spki = rsa.ExportSubjectPublicKeyInfo();
                }

                break;
            case KeyAlgorithm.Ed25519:
                var seed = RandomNumberGenerator.GetBytes(32);
                pkcs8 = [.. Ed25519Pkcs8Prefix, .. seed];
                spki = KeyId.Ed25519Spki(new Ed25519Signer(seed).PublicKey);
                CryptographicOperations.ZeroMemory(seed);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "unknown key algorithm");
        }

        var privatePem = PemEncoding.WriteString("PRIVATE KEY", pkcs8) + "\n";
        CryptographicOperations.ZeroMemory(pkcs8);
        return new GeneratedKey(algorithm, privatePem, KeyId.ToCanonicalPem(spki), KeyId.Compute(spki));
    }

    /// <summary>Parses a user-facing algorithm name: <c>ecdsa</c>/<c>p256</c>, <c>p384</c>, <c>p521</c>, <c>rsa</c>/<c>rsa3072</c>, <c>rsa4096</c>, <c>ed25519</c>.</summary>
    /// <exception cref="CilockException">CIL1007 for an unknown name.</exception>
    public static KeyAlgorithm ParseAlgorithm(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Trim().ToLowerInvariant().Replace("-", "", StringComparison.Ordinal) switch
        {
            "ecdsa" or "ec" or "p256" or "ecdsap256" or "nistp256" => KeyAlgorithm.EcdsaP256,
            "p384" or "ecdsap384" or "nistp384" => KeyAlgorithm.EcdsaP384,
            "p521" or "ecdsap521" or "nistp521" => KeyAlgorithm.EcdsaP521,
            "rsa" or "rsa3072" => KeyAlgorithm.Rsa3072,
            "rsa4096" => KeyAlgorithm.Rsa4096,
            "ed25519" => KeyAlgorithm.Ed25519,
            _ => throw new CilockException(
                CryptoDiagnostics.KeyUnsupported,
                $"unknown key algorithm '{name}': use ecdsa (P-256), p384, p521, rsa (3072), rsa4096 or ed25519"),
        };
    }

    /// <summary>Owner read/write only (0600): the mode private keys are created with.</summary>
    internal const UnixFileMode PrivateKeyMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Writes the private key (mode 0600, atomic) and the public key (atomic) files. Existing files are replaced.
    /// </summary>
    /// <exception cref="CilockException">CIL1002 when a file cannot be written.</exception>
    public static void Write(GeneratedKey key, string privateKeyPath, string publicKeyPath)
    {
        ArgumentNullException.ThrowIfNull(key);
        AtomicFile.Write(privateKeyPath, System.Text.Encoding.UTF8.GetBytes(key.PrivateKeyPem), overwrite: true, PrivateKeyMode);
        AtomicFile.WriteAllText(publicKeyPath, key.PublicKeyPem);
    }
}
