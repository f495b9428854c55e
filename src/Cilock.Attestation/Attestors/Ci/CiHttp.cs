using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cilock.Attestation.Attestors.Ci;

/// <summary>Small HTTP helpers for token and key-set requests (bounded size, time limit, no secrets in messages).</summary>
internal static class CiHttp
{
    private const int MaxResponseBytes = 1024 * 1024;

    /// <summary>A client for <paramref name="options"/>; the caller disposes it.</summary>
    public static HttpClient CreateClient(CiAttestorOptions options) =>
        options.HttpHandler is { } handler
            ? new HttpClient(handler, disposeHandler: false) { Timeout = options.RequestTimeout }
            : new HttpClient { Timeout = options.RequestTimeout };

    /// <summary>Sends <paramref name="request"/> and parses a JSON body of at most 1 MiB.</summary>
    /// <exception cref="HttpRequestException">For a transport failure or a non-success status (message without headers).</exception>
    public static async Task<JsonNode?> SendForJsonAsync(HttpClient client, HttpRequestMessage request, CancellationToken ct)
    {
        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"HTTP {(int)response.StatusCode} from {request.RequestUri?.GetLeftPart(UriPartial.Path)}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxResponseBytes)
            {
                throw new HttpRequestException($"response from {request.RequestUri?.GetLeftPart(UriPartial.Path)} is larger than 1 MiB");
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return JsonNode.Parse(buffer.ToArray());
        }
        catch (JsonException)
        {
            throw new HttpRequestException($"response from {request.RequestUri?.GetLeftPart(UriPartial.Path)} is not JSON");
        }
    }
}
