using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cilock.Attestation.Attestors.Ci;

/// <summary>
/// A compact-serialized JWS (header.payload.signature) as issued by CI OIDC providers, and its check against a JSON
/// Web Key Set. Only the claims and the key that verified them are ever recorded, never the token text.
/// </summary>
internal sealed class JsonWebToken
{
    private const int MaxTokenLength = 64 * 1024;

    private JsonWebToken(JsonObject header, JsonObject claims, byte[] signingInput, byte[] signature)
    {
        Header = header;
        Claims = claims;
        SigningInput = signingInput;
        Signature = signature;
    }

    /// <summary>The protected header (<c>alg</c>, <c>kid</c>…).</summary>
    public JsonObject Header { get; }

    /// <summary>Every claim of the payload.</summary>
    public JsonObject Claims { get; }

    private byte[] SigningInput { get; }

    private byte[] Signature { get; }

    /// <summary>Parses a token; <c>null</c> when it is not a well-formed compact JWS with JSON objects.</summary>
    public static JsonWebToken? TryParse(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > MaxTokenLength)
        {
            return null;
        }

        var parts = token.Trim().Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var header = JsonNode.Parse(Base64Url.DecodeFromChars(parts[0])) as JsonObject;
            var claims = JsonNode.Parse(Base64Url.DecodeFromChars(parts[1])) as JsonObject;
            var signature = Base64Url.DecodeFromChars(parts[2]);
            return header is null || claims is null || signature.Length == 0
                ? null
                : new JsonWebToken(header, claims, Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), signature);
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// Finds the key of <paramref name="jwks"/> (<c>{"keys":[…]}</c>) that verifies the signature (matching <c>kid</c>
    /// when the header names one) and returns it; <c>null</c> when none does or the algorithm is not supported
    /// (RS256/384/512, PS256, ES256/384). A token whose <c>exp</c> lies before <paramref name="now"/> (one minute of
    /// clock skew allowed) does not verify either.
    /// </summary>
    public JsonObject? Verify(JsonNode? jwks, DateTimeOffset now)
    {
        if (Claims["exp"] is JsonValue exp && exp.TryGetValue<double>(out var seconds)
            && DateTimeOffset.FromUnixTimeSeconds((long)seconds) < now.AddMinutes(-1))
        {
            return null;
        }

        var alg = Header["alg"] is JsonValue a && a.TryGetValue<string>(out var s) ? s : "";
        var kid = Header["kid"] is JsonValue k && k.TryGetValue<string>(out var id) ? id : null;
        if (jwks?["keys"] is not JsonArray keys)
        {
            return null;
        }

        foreach (var key in keys.OfType<JsonObject>())
        {
            var keyId = key["kid"] is JsonValue kv && kv.TryGetValue<string>(out var kidValue) ? kidValue : null;
            if (kid is not null && keyId is not null && keyId != kid)
            {
                continue;
            }

            try
            {
                if (VerifyWith(key, alg))
                {
                    return (JsonObject)key.DeepClone();
                }
            }
            catch (Exception e) when (e is CryptographicException or FormatException or InvalidOperationException or JsonException)
            {
                // A malformed key in the set is not a verdict on the token: try the next one.
            }
        }

        return null;
    }

    private bool VerifyWith(JsonObject key, string alg)
    {
        var kty = Text(key, "kty");
        switch (alg)
        {
            case "RS256" or "RS384" or "RS512" or "PS256" when kty == "RSA":
                using (var rsa = RSA.Create(new RSAParameters { Modulus = Bytes(key, "n"), Exponent = Bytes(key, "e") }))
                {
                    var padding = alg == "PS256" ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
                    return rsa.VerifyData(SigningInput, Signature, HashFor(alg), padding);
                }

            case "ES256" or "ES384" when kty == "EC":
                var curve = Text(key, "crv") switch
                {
                    "P-256" => ECCurve.NamedCurves.nistP256,
                    "P-384" => ECCurve.NamedCurves.nistP384,
                    _ => throw new FormatException("unsupported curve"),
                };
                using (var ec = ECDsa.Create(new ECParameters { Curve = curve, Q = new ECPoint { X = Bytes(key, "x"), Y = Bytes(key, "y") } }))
                {
                    return ec.VerifyData(SigningInput, Signature, HashFor(alg), DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
                }

            default:
                return false;
        }
    }

    private static HashAlgorithmName HashFor(string alg) => alg[^3..] switch
    {
        "384" => HashAlgorithmName.SHA384,
        "512" => HashAlgorithmName.SHA512,
        _ => HashAlgorithmName.SHA256,
    };

    private static string Text(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";

    private static byte[] Bytes(JsonObject o, string name) => Base64Url.DecodeFromChars(Text(o, name));
}
