using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Cilock.Attestation.Dsse;
using Cilock.Sigstore.Bundles;

namespace Cilock.Sigstore.Transparency;

/// <summary>
/// Checks that a Rekor entry body records exactly the bundle's signature, verifier and digest. Rekor v1 kinds
/// <c>hashedrekord</c> 0.0.1, <c>dsse</c> 0.0.1 and <c>intoto</c> 0.0.2; Rekor v2 kinds <c>hashedrekord</c> 0.0.2
/// (also over DSSE: digest of the PAE) and <c>dsse</c> 0.0.2. Any other kind is refused (fail closed).
/// </summary>
internal static class RekorEntryBody
{
    /// <summary>Returns <c>null</c> when the body matches, else the reason it does not.</summary>
    public static string? Mismatch(TransparencyLogEntry entry, SignedMaterial material)
    {
        try
        {
            using var document = JsonDocument.Parse(entry.CanonicalizedBody, new JsonDocumentOptions { AllowDuplicateProperties = false, MaxDepth = 32 });
            var body = document.RootElement;
            var kind = Text(body, "kind");
            var version = Text(body, "apiVersion");
            if (kind != entry.KindVersion.Kind || version != entry.KindVersion.Version)
            {
                return $"the entry body is {kind} {version} but the bundle says {entry.KindVersion.Kind} {entry.KindVersion.Version}";
            }

            var spec = body.GetProperty("spec");
            return (kind, version, material.IsDsse) switch
            {
                ("hashedrekord", "0.0.1", false) => HashedRekordV001(spec, material),
                ("hashedrekord", "0.0.2", _) => HashedRekordV002(spec.GetProperty("hashedRekordV002"), material),
                ("dsse", "0.0.1", true) => DsseV001(spec, material),
                ("dsse", "0.0.2", true) => DsseV002(spec.GetProperty("dsseV002"), material),
                ("intoto", "0.0.2", true) => IntotoV002(spec.GetProperty("content"), material),
                _ => $"log entry kind {kind} {version} is not supported for this bundle content",
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return $"the log entry body is malformed: {e.Message}";
        }
    }

    private static string? HashedRekordV001(JsonElement spec, SignedMaterial material)
    {
        var hash = spec.GetProperty("data").GetProperty("hash");
        if (Text(hash, "algorithm") != "sha256" || !HexEquals(Text(hash, "value"), material.ArtifactSha256!))
        {
            return "the log entry's artifact digest is not the artifact's";
        }

        var signature = spec.GetProperty("signature");
        if (!Convert.FromBase64String(Text(signature, "content")).AsSpan().SequenceEqual(material.Signature))
        {
            return "the log entry's signature is not the bundle's";
        }

        return PemMatches(Convert.FromBase64String(Text(signature.GetProperty("publicKey"), "content")), material)
            ? null
            : "the log entry's public key is not the bundle's signing key";
    }

    private static string? HashedRekordV002(JsonElement spec, SignedMaterial material)
    {
        var data = spec.GetProperty("data");
        var expected = material.IsDsse ? SHA256.HashData(Pae.Encode(material.DssePayloadType!, material.DssePayload)) : material.ArtifactSha256!;
        if (Text(data, "algorithm") != "SHA2_256" || !Convert.FromBase64String(Text(data, "digest")).AsSpan().SequenceEqual(expected))
        {
            return material.IsDsse ? "the log entry's digest is not the digest of the envelope's PAE" : "the log entry's artifact digest is not the artifact's";
        }

        return V002Signature(spec.GetProperty("signature"), material);
    }

    private static string? DsseV001(JsonElement spec, SignedMaterial material)
    {
        var payloadHash = spec.GetProperty("payloadHash");
        if (Text(payloadHash, "algorithm") != "sha256" || !HexEquals(Text(payloadHash, "value"), SHA256.HashData(material.DssePayload!)))
        {
            return "the log entry's payload hash is not the envelope payload's";
        }

        foreach (var signature in spec.GetProperty("signatures").EnumerateArray())
        {
            if (Convert.FromBase64String(Text(signature, "signature")).AsSpan().SequenceEqual(material.Signature)
                && PemMatches(Convert.FromBase64String(Text(signature, "verifier")), material))
            {
                return null;
            }
        }

        return "the log entry does not record the envelope's signature with the bundle's signing key";
    }

    private static string? DsseV002(JsonElement spec, SignedMaterial material)
    {
        var payloadHash = spec.GetProperty("payloadHash");
        if (Text(payloadHash, "algorithm") != "SHA2_256" || !Convert.FromBase64String(Text(payloadHash, "digest")).AsSpan().SequenceEqual(SHA256.HashData(material.DssePayload!)))
        {
            return "the log entry's payload hash is not the envelope payload's";
        }

        foreach (var signature in spec.GetProperty("signatures").EnumerateArray())
        {
            if (V002Signature(signature, material) is null)
            {
                return null;
            }
        }

        return "the log entry does not record the envelope's signature with the bundle's signing key";
    }

    private static string? IntotoV002(JsonElement content, SignedMaterial material)
    {
        var payloadHash = content.GetProperty("payloadHash");
        if (Text(payloadHash, "algorithm") != "sha256" || !HexEquals(Text(payloadHash, "value"), SHA256.HashData(material.DssePayload!)))
        {
            return "the log entry's payload hash is not the envelope payload's";
        }

        foreach (var signature in content.GetProperty("envelope").GetProperty("signatures").EnumerateArray())
        {
            // intoto 0.0.2 stores the signature base64-encoded twice (once by DSSE, once by the JSON bytes field);
            // a singly encoded one is accepted as well.
            if (IntotoSignatureMatches(Convert.FromBase64String(Text(signature, "sig")), material.Signature)
                && PemMatches(Convert.FromBase64String(Text(signature, "publicKey")), material))
            {
                return null;
            }
        }

        return "the log entry does not record the envelope's signature with the bundle's signing key";
    }

    private static bool IntotoSignatureMatches(byte[] decoded, byte[] signature)
    {
        if (decoded.AsSpan().SequenceEqual(signature))
        {
            return true;
        }

        try
        {
            return Convert.FromBase64String(Encoding.ASCII.GetString(decoded)).AsSpan().SequenceEqual(signature);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string? V002Signature(JsonElement signature, SignedMaterial material)
    {
        if (!Convert.FromBase64String(Text(signature, "content")).AsSpan().SequenceEqual(material.Signature))
        {
            return "the log entry's signature is not the bundle's";
        }

        var verifier = signature.GetProperty("verifier");
        var member = material.IsCertificate ? "x509Certificate" : "publicKey";
        return verifier.TryGetProperty(member, out var key)
            && Convert.FromBase64String(Text(key, "rawBytes")).AsSpan().SequenceEqual(material.VerifierDer)
            ? null
            : "the log entry's verifier is not the bundle's signing key";
    }

    /// <summary>Whether PEM text holds the bundle's certificate or public key.</summary>
    private static bool PemMatches(byte[] pemBytes, SignedMaterial material)
    {
        var pem = Encoding.ASCII.GetString(pemBytes);
        if (!PemEncoding.TryFind(pem, out var fields))
        {
            return false;
        }

        var label = pem[fields.Label];
        if (label != (material.IsCertificate ? "CERTIFICATE" : "PUBLIC KEY"))
        {
            return false;
        }

        var der = Convert.FromBase64String(pem[fields.Base64Data]);
        return der.AsSpan().SequenceEqual(material.VerifierDer);
    }

    private static bool HexEquals(string hex, byte[] digest) =>
        hex.Length == digest.Length * 2 && Convert.FromHexString(hex).AsSpan().SequenceEqual(digest);

    private static string Text(JsonElement element, string name) =>
        element.GetProperty(name).GetString() ?? throw new FormatException($"'{name}' is null");
}
