using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Identity;
using Cilock.Sigstore.Signing;

namespace Cilock.Sigstore.Fulcio;

/// <summary>
/// Fulcio v2 client: <c>POST {base}/api/v2/signingCert</c> with the identity token and the ephemeral public key, plus a
/// proof of possession (the key's signature over the token's subject: the verified email, else <c>sub</c>). The answer's
/// chain (embedded-SCT or detached-SCT form) is checked: every certificate parses and the leaf certifies our key.
/// </summary>
internal sealed class FulcioClient(Uri baseUrl, SigstoreHttp http)
{
    public Uri BaseUrl { get; } = baseUrl;

    public async Task<FulcioCertificateChain> RequestCertificateAsync(IdentityToken token, ECDsa key, CancellationToken ct)
    {
        var spki = key.ExportSubjectPublicKeyInfo();
        var proof = key.SignData(Encoding.UTF8.GetBytes(token.ChallengeSubject), HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        var request = new JsonObject
        {
            ["credentials"] = new JsonObject { ["oidcIdentityToken"] = token.Value },
            ["publicKeyRequest"] = new JsonObject
            {
                ["publicKey"] = new JsonObject
                {
                    ["algorithm"] = "ECDSA",
                    ["content"] = PemEncoding.WriteString("PUBLIC KEY", spki) + "\n",
                },
                ["proofOfPossession"] = Convert.ToBase64String(proof),
            },
        };
        var url = new Uri(SigstoreUrls.WithPath(BaseUrl, "api/v2/signingCert"));
        var body = Encoding.UTF8.GetBytes(request.ToJsonString());
        var response = await http.SendAsync("Fulcio", url, () =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            return message;
        }, ct).ConfigureAwait(false);
        return ReadChain(response.Body, spki);
    }

    private FulcioCertificateChain ReadChain(byte[] body, byte[] expectedSpki)
    {
        List<string> pems;
        try
        {
            var root = JsonNode.Parse(body) as JsonObject ?? throw Invalid("the answer is not a JSON object");
            var signed = root["signedCertificateEmbeddedSct"] as JsonObject ?? root["signedCertificateDetachedSct"] as JsonObject
                ?? throw Invalid("the answer has neither signedCertificateEmbeddedSct nor signedCertificateDetachedSct");
            var certificates = (signed["chain"] as JsonObject)?["certificates"] as JsonArray ?? throw Invalid("the answer has no chain.certificates");
            pems = [.. certificates.Select(c => c is JsonValue v && v.TryGetValue<string>(out var s) ? s : throw Invalid("a chain entry is not a PEM string"))];
        }
        catch (JsonException e)
        {
            throw Invalid($"the answer is not JSON: {e.Message}");
        }

        if (pems.Count == 0)
        {
            throw Invalid("the certificate chain is empty");
        }

        var parsed = new List<X509Certificate2>();
        try
        {
            foreach (var pem in pems)
            {
                try
                {
                    parsed.Add(X509Certificate2.CreateFromPem(pem));
                }
                catch (CryptographicException e)
                {
                    throw Invalid($"certificate {parsed.Count + 1} of the chain is not valid PEM: {e.Message}");
                }
            }

            var leaf = parsed[0];
            if (!leaf.PublicKey.ExportSubjectPublicKeyInfo().AsSpan().SequenceEqual(expectedSpki))
            {
                throw Invalid($"the leaf certificate '{leaf.Subject}' certifies another key than the one that asked for it");
            }

            // The self-signed root stays out of the signature: verifiers anchor on their own copy.
            var intermediates = parsed.Skip(1)
                .Where(c => !c.SubjectName.RawData.AsSpan().SequenceEqual(c.IssuerName.RawData))
                .Select(c => c.ExportCertificatePem() + "\n")
                .ToList();
            return new FulcioCertificateChain(leaf.ExportCertificatePem() + "\n", intermediates, leaf.RawData);
        }
        finally
        {
            foreach (var c in parsed)
            {
                c.Dispose();
            }
        }
    }

    private CilockException Invalid(string why) =>
        new(KeylessDiagnostics.FulcioResponseInvalid, $"Fulcio at {SigstoreHttp.Redact(BaseUrl)} returned no usable certificate: {why}");
}
