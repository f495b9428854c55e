using System.Net;
using System.Net.Http.Headers;
using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Diagnostics;

namespace Cilock.Gate.Publishing;

/// <summary>
/// Uploads evidence files to a cilock admission gate (<c>PUT &lt;gate&gt;/evidence</c>, key in <c>X-NuGet-ApiKey</c>),
/// one request per file, so that a later plain <c>dotnet nuget push</c> of the package is admitted. Stops at the first
/// failure. The key never appears in a diagnostic.
/// </summary>
public static class EvidenceUploader
{
    private const string ServiceIndexSuffix = "/v3/index.json";

    /// <summary>Uploads <paramref name="files"/> to the gate at <paramref name="gate"/>.</summary>
    /// <param name="gate">The gate's base URL (<c>http://host:port/</c>) or its service index (<c>…/v3/index.json</c>).</param>
    /// <param name="files">Evidence files (DSSE envelopes or JSON lines of envelopes).</param>
    /// <param name="apiKey">The pusher key the gate knows.</param>
    /// <param name="allowInsecureConnections">Allow http:// (the key and evidence travel unencrypted).</param>
    /// <param name="timeoutSeconds">Timeout of each request.</param>
    /// <param name="handler">HTTP handler (tests inject one); <c>null</c> = a default <see cref="HttpClientHandler"/>.</param>
    /// <param name="cancellationToken">Cancels the upload.</param>
    /// <returns><see cref="PublishOutcome.Pushed"/> when every file was stored, or <see cref="PublishOutcome.Failed"/> with coded errors.</returns>
    public static async Task<PublishResult> UploadAsync(
        string gate,
        IReadOnlyList<string> files,
        NuGetApiKey? apiKey,
        bool allowInsecureConnections,
        int timeoutSeconds,
        HttpMessageHandler? handler = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(files);
        if (!TryResolveEndpoint(gate, out var endpoint, out var display))
        {
            return Failed(GateDiagnostics.InvalidSource, $"'{gate}' is not an http(s) URL of an admission gate (give its base URL or its /v3/index.json)");
        }

        if (endpoint.Scheme == Uri.UriSchemeHttp && !allowInsecureConnections)
        {
            return Failed(GateDiagnostics.InsecureSource, $"refusing to send the API key and evidence over plain http to {display}; use https or pass --allow-insecure-connections for a trusted local gate");
        }

        if (apiKey is null)
        {
            return Failed(GateDiagnostics.ApiKeyUnavailable, "no API key for the gate: set NUGET_API_KEY (or the variable named by --api-key-env)");
        }

        if (files.Count == 0)
        {
            return Failed(GateDiagnostics.EvidenceMissing, "no evidence to upload: the package has no <package>.intoto.jsonl sidecar and no --attestations were given");
        }

        var scrubber = new SecretScrubber([apiKey.Reveal()]);
        using var client = new HttpClient(handler ?? new HttpClientHandler(), disposeHandler: handler is null)
        {
            Timeout = TimeSpan.FromSeconds(timeoutSeconds > 0 ? timeoutSeconds : 300),
        };
        var uploaded = 0;
        foreach (var file in files)
        {
            byte[] body;
            try
            {
                body = await File.ReadAllBytesAsync(file, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Failed(GateDiagnostics.EvidenceMissing, $"cannot read evidence file: {e.GetType().Name}", file, uploaded);
            }

            using var request = new HttpRequestMessage(HttpMethod.Put, endpoint) { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            request.Headers.Add("X-NuGet-ApiKey", apiKey.Reveal());
            HttpResponseMessage response;
            try
            {
                response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return Failed(GateDiagnostics.Timeout, $"the gate {display} did not answer within {client.Timeout.TotalSeconds:0} s", file, uploaded);
            }
            catch (HttpRequestException e)
            {
                return Failed(GateDiagnostics.Unreachable, $"the gate {display} is unreachable ({scrubber.Scrub(e.HttpRequestError.ToString())})", file, uploaded);
            }

            using (response)
            {
                if (response.IsSuccessStatusCode)
                {
                    uploaded++;
                    continue;
                }

                var status = (int)response.StatusCode;
                var reason = scrubber.Scrub(response.ReasonPhrase);
                var (code, what) = response.StatusCode switch
                {
                    HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => (GateDiagnostics.Unauthorized, "the gate does not accept this API key"),
                    HttpStatusCode.RequestEntityTooLarge => (GateDiagnostics.EvidenceRejected, "the evidence is larger than the gate accepts"),
                    HttpStatusCode.BadRequest => (GateDiagnostics.EvidenceRejected, "the gate rejected the evidence"),
                    _ when status >= 500 => (GateDiagnostics.ServerError, "the gate failed"),
                    _ => (GateDiagnostics.PushFailed, "the gate refused the upload"),
                };
                return Failed(code, $"{what}: HTTP {status} {reason}".TrimEnd(), file, uploaded);
            }
        }

        return new PublishResult(PublishOutcome.Pushed, []) { Feed = display };
    }

    /// <summary>
    /// Maps a gate URL (base or service index) to its <c>/evidence</c> endpoint; the display form has no user info or query.
    /// </summary>
    internal static bool TryResolveEndpoint(string gate, out Uri endpoint, out string display)
    {
        endpoint = null!;
        display = "";
        if (!Uri.TryCreate(gate.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return false;
        }

        var path = uri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith(ServiceIndexSuffix, StringComparison.OrdinalIgnoreCase))
        {
            path = path[..^ServiceIndexSuffix.Length];
        }

        var builder = new UriBuilder(uri) { Path = path + "/evidence", Query = "", Fragment = "" };
        endpoint = builder.Uri;
        display = new UriBuilder(endpoint) { UserName = "", Password = "" }.Uri.GetLeftPart(UriPartial.Path);
        return true;
    }

    // Files before the failing one are already stored on the gate; say so, since a retry re-sends them harmlessly
    // (the gate stores content-addressed).
    private static PublishResult Failed(string code, string message, string? file = null, int uploaded = 0) =>
        new(PublishOutcome.Failed, [Diagnostic.Error(code, uploaded == 0 ? message : $"{message} ({uploaded} earlier file(s) were stored)", file)]);
}
