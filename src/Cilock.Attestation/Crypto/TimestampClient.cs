using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Attestation.Crypto;

/// <summary>
/// Requests RFC 3161 timestamps over raw DSSE signature bytes (spec dsse-and-keys.md §8, producer side): SHA-256
/// imprint, random nonce, <c>certReq = true</c>, HTTP POST <c>application/timestamp-query</c>; 200/201/202 accepted,
/// the response capped at 1 MiB, 30 s timeout; only the TimeStampToken (CMS ContentInfo, DER) is returned.
/// Plain HTTP is refused except to loopback or private addresses, as cilock does.
/// Pass <see cref="Timestamp"/> as the <c>timestamp</c> hook of <see cref="Dsse.DsseSigner"/>.
/// </summary>
public sealed class TimestampClient
{
    private const int MaxResponseBytes = 1 << 20;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient { Timeout = System.Threading.Timeout.InfiniteTimeSpan });
    private readonly HttpClient _http;

    /// <summary>Creates a client for one authority.</summary>
    /// <param name="url">The TSA endpoint.</param>
    /// <param name="httpClient">Optional client (tests, proxies); a shared one is used otherwise.</param>
    /// <exception cref="CilockException">CIL1017 when the URL is not allowed.</exception>
    public TimestampClient(Uri url, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!IsAllowedUrl(url))
        {
            throw new CilockException(
                CryptoDiagnostics.TimestampUrlRefused,
                $"timestamp server '{url}' refused: use https:// (plain http:// is only allowed to loopback or private addresses)");
        }

        Url = url;
        _http = httpClient ?? SharedClient.Value;
    }

    /// <summary>The authority's endpoint.</summary>
    public Uri Url { get; }

    /// <summary>Whether <paramref name="url"/> is HTTPS, or HTTP to localhost or a loopback/private IP literal (no DNS lookups).</summary>
    public static bool IsAllowedUrl(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!url.IsAbsoluteUri)
        {
            return false;
        }

        if (url.Scheme == Uri.UriSchemeHttps)
        {
            return true;
        }

        if (url.Scheme != Uri.UriSchemeHttp)
        {
            return false;
        }

        if (url.IsLoopback)
        {
            return true;
        }

        return IPAddress.TryParse(url.IdnHost, out var ip) && IsPrivate(ip);
    }

    /// <summary>Returns a TimeStampToken (DER) over <paramref name="signature"/>.</summary>
    /// <exception cref="CilockException">CIL1018 when the authority fails, times out or answers with anything but a granted, matching token.</exception>
    public byte[] Timestamp(byte[] signature)
    {
        ArgumentNullException.ThrowIfNull(signature);
        var nonce = RandomNumberGenerator.GetBytes(16);
        nonce[0] &= 0x7F; // keep the INTEGER positive so it round-trips unchanged
        var request = Rfc3161TimestampRequest.CreateFromData(signature, HashAlgorithmName.SHA256, nonce: nonce, requestSignerCertificates: true);
        using var cts = new CancellationTokenSource(Timeout);
        byte[] body;
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, Url) { Content = new ByteArrayContent(request.Encode()) };
            message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/timestamp-query");
            message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/timestamp-reply"));
            using var response = _http.Send(message, HttpCompletionOption.ResponseHeadersRead, cts.Token);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.Accepted))
            {
                throw Failed($"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            body = ReadCapped(response.Content.ReadAsStream(cts.Token));
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            throw Failed(e is OperationCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : e.Message, e);
        }

        try
        {
            var token = request.ProcessResponse(body, out var consumed);
            return consumed == body.Length ? token.AsSignedCms().Encode() : throw Failed("trailing data after the response");
        }
        catch (CryptographicException e)
        {
            // Status not granted, nonce or imprint mismatch, or a malformed token.
            throw Failed($"invalid response: {e.Message}", e);
        }
    }

    private static byte[] ReadCapped(Stream stream)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                throw new IOException($"response larger than {MaxResponseBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static bool IsPrivate(IPAddress ip)
    {
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (IPAddress.IsLoopback(ip))
        {
            return true;
        }

        if (ip.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = ip.GetAddressBytes();
            return b[0] == 10 || (b[0] == 172 && (b[1] & 0xF0) == 16) || (b[0] == 192 && b[1] == 168);
        }

        // IPv6 unique local addresses fc00::/7.
        return ip.AddressFamily == AddressFamily.InterNetworkV6 && (ip.GetAddressBytes()[0] & 0xFE) == 0xFC;
    }

    private CilockException Failed(string why, Exception? inner = null) =>
        new(CryptoDiagnostics.TimestampFailed, $"timestamp server '{Url}' failed: {why}", inner);
}
