using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Cilock.Sigstore.Rekor;

/// <summary>
/// Builds Rekor v1 proposed entries. Public keys and certificates are carried as base64 of their PEM text, and the
/// intoto type double-encodes payload and signature, as Rekor expects.
/// </summary>
internal static class RekorProposedEntries
{
    /// <summary><c>hashedrekord</c> v0.0.1 for a message signature over an artifact with SHA-256 digest <paramref name="sha256"/>.</summary>
    public static JsonObject HashedRekord(byte[] sha256, byte[] signature, string certificatePem) => new()
    {
        ["apiVersion"] = "0.0.1",
        ["kind"] = "hashedrekord",
        ["spec"] = new JsonObject
        {
            ["data"] = new JsonObject { ["hash"] = new JsonObject { ["algorithm"] = "sha256", ["value"] = Convert.ToHexStringLower(sha256) } },
            ["signature"] = new JsonObject
            {
                ["content"] = Convert.ToBase64String(signature),
                ["publicKey"] = new JsonObject { ["content"] = Base64(certificatePem) },
            },
        },
    };

    /// <summary><c>dsse</c> v0.0.1: the envelope (sigstore form: signatures carry <c>sig</c> and an optional keyid) and its verifier.</summary>
    public static JsonObject Dsse(string payloadType, byte[] payload, byte[] signature, string certificatePem)
    {
        var envelope = new JsonObject
        {
            ["payload"] = Convert.ToBase64String(payload),
            ["payloadType"] = payloadType,
            ["signatures"] = new JsonArray(new JsonObject { ["sig"] = Convert.ToBase64String(signature) }),
        };
        return new JsonObject
        {
            ["apiVersion"] = "0.0.1",
            ["kind"] = "dsse",
            ["spec"] = new JsonObject
            {
                ["proposedContent"] = new JsonObject
                {
                    ["envelope"] = envelope.ToJsonString(),
                    ["verifiers"] = new JsonArray(Base64(certificatePem)),
                },
            },
        };
    }

    /// <summary>
    /// <c>intoto</c> v0.0.2 with the envelope hash and payload hash filled in the way sigstore clients compute them:
    /// the envelope hash is SHA-256 over the canonical JSON (sorted keys, no whitespace) of
    /// <c>{payload, payloadType, signatures: [{publicKey: PEM, sig}]}</c> with single-encoded values.
    /// </summary>
    public static JsonObject Intoto(string payloadType, byte[] payload, byte[] signature, string certificatePem)
    {
        var payloadB64 = Convert.ToBase64String(payload);
        var sigB64 = Convert.ToBase64String(signature);
        var canonical = "{\"payload\":" + Canonical(payloadB64) + ",\"payloadType\":" + Canonical(payloadType)
            + ",\"signatures\":[{\"publicKey\":" + Canonical(certificatePem) + ",\"sig\":" + Canonical(sigB64) + "}]}";
        var envelopeHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
        return new JsonObject
        {
            ["apiVersion"] = "0.0.2",
            ["kind"] = "intoto",
            ["spec"] = new JsonObject
            {
                ["content"] = new JsonObject
                {
                    ["envelope"] = new JsonObject
                    {
                        ["payloadType"] = payloadType,
                        ["payload"] = Base64(payloadB64),
                        ["signatures"] = new JsonArray(new JsonObject { ["sig"] = Base64(sigB64), ["publicKey"] = Base64(certificatePem) }),
                    },
                    ["hash"] = new JsonObject { ["algorithm"] = "sha256", ["value"] = envelopeHash },
                    ["payloadHash"] = new JsonObject { ["algorithm"] = "sha256", ["value"] = Convert.ToHexStringLower(SHA256.HashData(payload)) },
                },
            },
        };
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    // RFC 8785 string form: only '"', '\\' and control characters are escaped.
    internal static string Canonical(string value)
    {
        var sb = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
