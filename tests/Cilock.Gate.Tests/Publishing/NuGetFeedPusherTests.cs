using Cilock.Gate.Diagnostics;
using Cilock.Gate.Feeds;
using Cilock.Gate.Packages;
using Cilock.Gate.Publishing;
using Cilock.Gate.Tests.Infrastructure;
using Cilock.TestUtilities;
using NuGet.Configuration;

namespace Cilock.Gate.Tests.Publishing;

[TestClass]
public sealed class NuGetFeedPusherTests
{
    [TestMethod]
    public async Task PushAsync_NuGetOnlyLogsAnError_CountsAsFailure()
    {
        // NuGet refuses an http source without allowInsecureConnections by LOGGING an error and returning normally
        // (msbuild-and-nuget.md §6). The gate's own pre-check normally stops this earlier; here it is bypassed on
        // purpose so the fail-closed "any logged error = failure" rule is exercised directly.
        using var temp = new TempDirectory();
        using var server = new FakeNuGetServer();
        var package = TestPackages.Create(temp.Combine("out"));
        using var snapshot = PackageSnapshot.Create(package, null, []);
        var feed = FeedSource.Resolve(server.PushUrl, null, allowInsecureConnections: true);

        var outcome = await new NuGetFeedPusher().PushAsync(
            snapshot, feed, null, new PushSettings(30, AllowInsecureConnections: false, NullSettings.Instance), SecretScrubber.None, CancellationToken.None);

        Assert.IsFalse(outcome.Succeeded);
        Assert.AreEqual(GateDiagnostics.InsecureSource, outcome.Errors.Single().Code, string.Join('\n', outcome.Log));
        Assert.AreEqual(0, server.Puts.Count());
    }
}
