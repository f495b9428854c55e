using System.Net;
using System.Net.Sockets;
using Cilock.Gate.Diagnostics;
using Cilock.Gate.Publishing;

namespace Cilock.Gate.Tests.Publishing;

[TestClass]
public sealed class PushFailureClassifierTests
{
    private const string Key = "classifier-secret-key";

    public static IEnumerable<object[]> Cases =>
    [
        [new HttpRequestException("Response status code does not indicate success: 401 (Unauthorized).", null, HttpStatusCode.Unauthorized), GateDiagnostics.Unauthorized],
        [new HttpRequestException("Response status code does not indicate success: 403 (Forbidden)."), GateDiagnostics.Unauthorized],
        [new InvalidOperationException("wrapped", new HttpRequestException("x", null, HttpStatusCode.Conflict)), GateDiagnostics.AlreadyExists],
        [new AggregateException(new HttpRequestException("x", null, HttpStatusCode.BadGateway)), GateDiagnostics.ServerError],
        [new HttpRequestException("x", null, HttpStatusCode.NotFound), GateDiagnostics.PushFailed],
        [new HttpRequestException(HttpRequestError.ConnectionError, "Connection refused", new SocketException((int)SocketError.ConnectionRefused)), GateDiagnostics.Unreachable],
        [new HttpRequestException(HttpRequestError.NameResolutionError, "Name or service not known"), GateDiagnostics.Unreachable],
        [new Exception("outer", new TimeoutException("The HTTP request timed out")), GateDiagnostics.Timeout],
        [new DirectoryNotFoundException("gone"), GateDiagnostics.FolderFeedMissing],
        [new IOException("disk full"), GateDiagnostics.PushFailed],
    ];

    [TestMethod]
    [DynamicData(nameof(Cases))]
    public void Classify_Exception_MapsToDistinctCode(Exception exception, string code)
    {
        var diagnostic = PushFailureClassifier.Classify(exception, "feed", SecretScrubber.None, timedOut: false);

        Assert.AreEqual(code, diagnostic.Code, diagnostic.Message);
    }

    [TestMethod]
    public void Classify_OurTimeoutFired_IsTimeoutEvenWhenNuGetReportsCancellation()
    {
        var diagnostic = PushFailureClassifier.Classify(new InvalidOperationException("request aborted"), "feed", SecretScrubber.None, timedOut: true);

        Assert.AreEqual(GateDiagnostics.Timeout, diagnostic.Code);
    }

    [TestMethod]
    public void Classify_MessageContainsKey_KeyScrubbed()
    {
        var exception = new IOException($"cannot PUT with X-NuGet-ApiKey: {Key.ToUpperInvariant()}");

        var diagnostic = PushFailureClassifier.Classify(exception, "feed", new SecretScrubber([Key]), timedOut: false);

        Assert.IsFalse(diagnostic.Message.Contains(Key, StringComparison.OrdinalIgnoreCase), diagnostic.Message);
        StringAssert.Contains(diagnostic.Message, SecretScrubber.Mask);
    }
}
