using System.Security.Cryptography;
using System.Text.Json;
using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Verification;

namespace Cilock.Sigstore.Tuf;

/// <summary>TUF key types: ECDSA (PEM SubjectPublicKeyInfo, hex DER signatures), Ed25519 (hex key), RSA-PSS (PEM).</summary>
internal static class TufKeys
{
    /// <summary>Whether <paramref name="hexSignature"/> is a valid signature of <paramref name="payload"/> by <paramref name="key"/>; unknown key types never verify.</summary>
    public static bool Verify(JsonElement key, byte[] payload, string hexSignature)
    {
        try
        {
            var type = key.GetProperty("keytype").GetString();
            var value = key.GetProperty("keyval").GetProperty("public").GetString() ?? "";
            var signature = Convert.FromHexString(hexSignature);
            byte[] spki = type switch
            {
                "ed25519" => [.. Convert.FromHexString("302a300506032b6570032100"), .. Convert.FromHexString(value)],
                "ecdsa" or "ecdsa-sha2-nistp256" or "ecdsa-sha2-nistp384" or "rsa" => PemSpki(value),
                _ => [],
            };
            if (spki.Length == 0)
            {
                return false;
            }

            using var verifier = SigstorePublicKey.FromSpki(spki);
            return verifier.VerifyData(payload, signature);
        }
        catch (Exception e) when (e is FormatException or KeyNotFoundException or InvalidOperationException or CilockException or CryptographicException)
        {
            return false;
        }
    }

    private static byte[] PemSpki(string pem)
    {
        var fields = PemEncoding.Find(pem);
        return pem[fields.Label] == "PUBLIC KEY" ? Convert.FromBase64String(pem[fields.Base64Data]) : [];
    }
}
