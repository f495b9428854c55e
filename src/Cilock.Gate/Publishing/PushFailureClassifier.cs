using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Diagnostics;

namespace Cilock.Gate.Publishing;

/// <summary>
/// Maps what NuGet.Protocol throws during a push to distinct coded diagnostics. NuGet wraps and re-wraps
/// (FatalProtocolException, AggregateException, retries), so the whole inner-exception chain is inspected.
/// </summary>
internal static partial class PushFailureClassifier
{
    internal static Diagnostic Classify(Exception exception, string feed, SecretScrubber scrubber, bool timedOut)
    {
        var chain = Flatten(exception).ToList();
        var detail = scrubber.Scrub(string.Join(" -> ", chain.Select(e => e.Message).Distinct(StringComparer.Ordinal)));

        var status = chain.OfType<HttpRequestException>().Select(e => e.StatusCode).FirstOrDefault(s => s is not null)
                     ?? chain.Select(e => ParseStatus(e.Message)).FirstOrDefault(s => s is not null);
        if (status is { } code)
        {
            var number = (int)code;
            return number switch
            {
                401 or 403 => GateDiagnostics.Error(GateDiagnostics.Unauthorized, $"feed '{feed}' rejected the credentials (HTTP {number} {code}); check the API key variable (--api-key-env) or the feed's credentials in NuGet configuration"),
                409 => GateDiagnostics.Error(GateDiagnostics.AlreadyExists, $"feed '{feed}' already has this package id and version (HTTP 409 Conflict); bump the version — published versions are immutable"),
                >= 500 => GateDiagnostics.Error(GateDiagnostics.ServerError, $"feed '{feed}' failed with a server error (HTTP {number} {code}) after retries; try again later or contact the feed's operator"),
                _ => GateDiagnostics.Error(GateDiagnostics.PushFailed, $"feed '{feed}' refused the package (HTTP {number} {code}): {detail}"),
            };
        }

        if (timedOut || chain.Any(e => e is TimeoutException or TaskCanceledException or OperationCanceledException))
        {
            return GateDiagnostics.Error(GateDiagnostics.Timeout, $"push to '{feed}' timed out; raise the timeout (--timeout) or check the feed: {detail}");
        }

        if (chain.Any(IsConnectivity))
        {
            return GateDiagnostics.Error(GateDiagnostics.Unreachable, $"feed '{feed}' is unreachable: {detail}");
        }

        if (chain.Any(e => e is DirectoryNotFoundException))
        {
            return GateDiagnostics.Error(GateDiagnostics.FolderFeedMissing, $"folder feed '{feed}' does not exist: {detail}");
        }

        return GateDiagnostics.Error(GateDiagnostics.PushFailed, $"push to '{feed}' failed: {detail}");
    }

    private static bool IsConnectivity(Exception e) => e switch
    {
        SocketException => true,
        HttpRequestException h => h.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError
                                      or HttpRequestError.SecureConnectionError or HttpRequestError.ProxyTunnelError,
        System.Security.Authentication.AuthenticationException => true,
        _ => false,
    };

    private static HttpStatusCode? ParseStatus(string message)
    {
        var match = StatusPattern().Match(message);
        return match.Success ? (HttpStatusCode)int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static IEnumerable<Exception> Flatten(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }

                yield break;
            }

            yield return e;
        }
    }

    // "Response status code does not indicate success: 401 (Unauthorized)." — set by EnsureSuccessStatusCode.
    [GeneratedRegex(@"status code does not indicate success: (\d{3})", RegexOptions.CultureInvariant)]
    private static partial Regex StatusPattern();
}
