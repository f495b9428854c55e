using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Sigstore.Signing;

/// <summary>
/// The one HTTP path of the keyless signer (identity token endpoints, Fulcio, Rekor, TSA): a timeout per attempt,
/// bounded retries with exponential backoff on network errors, timeouts, 408, 429 and 5xx (Retry-After honoured up to
/// the backoff cap), a response size cap, and coded errors naming the service, the URL without its query and the
/// status — never a request header or body, which may hold an identity token.
/// </summary>
internal sealed class SigstoreHttp
{
    private static readonly Lazy<HttpClient> SharedClient = new(() => new HttpClient { Timeout = Timeout.InfiniteTimeSpan });
    private readonly HttpClient _client;
    private readonly SigstoreHttpSettings _settings;

    public SigstoreHttp(SigstoreHttpSettings settings, HttpClient? client = null)
    {
        _settings = settings;
        _client = client ?? SharedClient.Value;
    }

    public SigstoreHttpSettings Settings => _settings;

    /// <summary>
    /// Whether <paramref name="url"/> is https://, or http:// to localhost or a loopback/private IP literal (no DNS
    /// lookups), the rule cilock applies to time-stamping authorities.
    /// </summary>
    public static bool IsAllowedUrl(Uri url) => Cilock.Attestation.Crypto.TimestampClient.IsAllowedUrl(url);

    /// <summary>Parses and checks a configured service URL.</summary>
    /// <exception cref="CilockException">CIL6109 when it is not an absolute URL, CIL6108 when it is not allowed.</exception>
    public static Uri ParseServiceUrl(string value, string what)
    {
        if (!Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var url))
        {
            throw new CilockException(KeylessDiagnostics.InvalidOptions, $"{what} '{value}' is not an absolute URL");
        }

        return IsAllowedUrl(url)
            ? url
            : throw new CilockException(KeylessDiagnostics.UrlRefused, $"{what} '{Redact(url)}' refused: use https:// (plain http:// is only allowed to loopback or private addresses)");
    }

    /// <summary>The URL as it may appear in messages: scheme, host, port and path; the query is dropped.</summary>
    public static string Redact(Uri url) => url.GetLeftPart(UriPartial.Path);

    /// <summary>Sends the request built by <paramref name="build"/> (called once per attempt) and returns a 2xx body.</summary>
    /// <param name="service">The service name for messages, e.g. <c>Fulcio</c>.</param>
    /// <param name="url">The request URL (its query never appears in messages).</param>
    /// <param name="build">Builds a fresh request (requests cannot be re-sent).</param>
    /// <param name="ct">Cancellation.</param>
    /// <exception cref="CilockException">CIL6103 after the last retry, CIL6104 on a non-retryable 4xx.</exception>
    public async Task<SigstoreHttpResponse> SendAsync(string service, Uri url, Func<HttpRequestMessage> build, CancellationToken ct)
    {
        var where = $"{service} at {Redact(url)}";
        string? lastFailure = null;
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? retryAfter = null;
            using (var attemptCts = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                attemptCts.CancelAfter(_settings.Timeout);
                try
                {
                    using var request = build();
                    request.Headers.UserAgent.Add(new ProductInfoHeaderValue("cilock", typeof(SigstoreHttp).Assembly.GetName().Version?.ToString(3) ?? "0"));
                    using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attemptCts.Token).ConfigureAwait(false);
                    var status = (int)response.StatusCode;
                    if (response.IsSuccessStatusCode)
                    {
                        var body = await ReadCappedAsync(response.Content, attemptCts.Token).ConfigureAwait(false);
                        return new SigstoreHttpResponse(response.StatusCode, response.Content.Headers.ContentType?.MediaType, body);
                    }

                    var detail = await ErrorDetailAsync(response, attemptCts.Token).ConfigureAwait(false);
                    lastFailure = $"HTTP {status} {response.ReasonPhrase}{detail}";
                    if (!IsRetryable(response.StatusCode))
                    {
                        throw new CilockException(KeylessDiagnostics.ServiceRejected, $"{where} refused the request: {lastFailure}");
                    }

                    retryAfter = RetryAfter(response);
                }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    lastFailure = $"no answer within {_settings.Timeout.TotalSeconds:0.###} s";
                }
                catch (HttpRequestException e)
                {
                    lastFailure = e.InnerException is SocketException s ? s.Message : e.Message;
                }
                catch (IOException e)
                {
                    lastFailure = e.Message;
                }
            }

            if (attempt >= _settings.MaxAttempts)
            {
                throw new CilockException(
                    KeylessDiagnostics.ServiceUnavailable,
                    $"{where} failed after {attempt} attempt{(attempt == 1 ? "" : "s")}: {lastFailure}");
            }

            await Task.Delay(Backoff(attempt, retryAfter), ct).ConfigureAwait(false);
        }
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    private static TimeSpan? RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - DateTimeOffset.UtcNow,
            _ => null,
        };

    // Exponential backoff from the initial delay, capped; a server's Retry-After is honoured up to the same cap so a
    // misbehaving server cannot stall a build.
    private TimeSpan Backoff(int attempt, TimeSpan? retryAfter)
    {
        var exponential = _settings.InitialBackoff * Math.Pow(2, attempt - 1);
        var delay = retryAfter is { } r && r > exponential ? r : exponential;
        return delay > _settings.MaxBackoff ? _settings.MaxBackoff : delay < TimeSpan.Zero ? TimeSpan.Zero : delay;
    }

    private async Task<byte[]> ReadCappedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _settings.MaxResponseBytes)
            {
                throw new IOException($"response larger than {_settings.MaxResponseBytes} bytes");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    // Sigstore services answer errors as JSON {"message": "..."} or short text; a bounded, single-line excerpt helps
    // the user (e.g. "invalid OIDC token"), and services never echo the bearer token back.
    private static async Task<string> ErrorDetailAsync(HttpResponseMessage response, CancellationToken ct)
    {
        try
        {
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(text))
            {
                return "";
            }

            try
            {
                using var doc = System.Text.Json.JsonDocument.Parse(text);
                if (doc.RootElement.ValueKind == System.Text.Json.JsonValueKind.Object
                    && doc.RootElement.TryGetProperty("message", out var m) && m.ValueKind == System.Text.Json.JsonValueKind.String)
                {
                    text = m.GetString() ?? "";
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // Plain text body.
            }

            text = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
            return text.Length == 0 ? "" : ": " + (text.Length > 200 ? text[..200] + "…" : text);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
        {
            return "";
        }
    }
}
