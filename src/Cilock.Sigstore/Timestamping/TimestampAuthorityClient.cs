using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Signing;

namespace Cilock.Sigstore.Timestamping;

/// <summary>
/// RFC 3161 client for keyless signing (spec dsse-and-keys.md §8, producer side): SHA-256 imprint of the raw signature
/// bytes, a random positive nonce, <c>certReq = true</c>, <c>POST application/timestamp-query</c>, with the keyless
/// signer's timeouts and retries. Returns both forms: the TimeStampToken (CMS ContentInfo, DER) for the DSSE
/// signature's <c>timestamps</c> (Witness/cilock) and the whole TimeStampResp for the bundle's <c>rfc3161Timestamps</c>
/// (protobuf-specs: <c>signedTimestamp</c> is the DER TimeStampResponse).
/// </summary>
internal sealed class TimestampAuthorityClient(Uri url, SigstoreHttp http)
{
    public Uri Url { get; } = url;

    public async Task<Rfc3161Stamp> TimestampAsync(byte[] signature, CancellationToken ct)
    {
        var nonce = RandomNumberGenerator.GetBytes(16);
        nonce[0] &= 0x7F; // a positive INTEGER round-trips unchanged
        nonce[0] |= 0x01; // and a non-zero first byte keeps its DER length fixed
        var request = Rfc3161TimestampRequest.CreateFromData(signature, HashAlgorithmName.SHA256, nonce: nonce, requestSignerCertificates: true);
        var encoded = request.Encode();
        var response = await http.SendAsync("the time-stamping authority", Url, () =>
        {
            var message = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(encoded) };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/timestamp-reply"));
            return message;
        }, ct).ConfigureAwait(false);
        try
        {
            // ProcessResponse checks the status (granted), the nonce and the imprint over our signature.
            var token = request.ProcessResponse(response.Body, out var consumed);
            if (consumed != response.Body.Length)
            {
                throw Invalid("trailing data after the response");
            }

            return new Rfc3161Stamp(token.AsSignedCms().Encode(), response.Body);
        }
        catch (CryptographicException e)
        {
            throw Invalid(e.Message);
        }
    }

    private CilockException Invalid(string why) =>
        new(KeylessDiagnostics.TimestampResponseInvalid, $"the time-stamping authority at {SigstoreHttp.Redact(Url)} returned no usable token: {why}");
}
