using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Diagnostics;
using Cilock.Gate.Feeds;
using Cilock.TestUtilities;
using NuGet.Configuration;

namespace Cilock.Gate.Tests.Feeds;

[TestClass]
public sealed class FeedSourceTests
{
    [TestMethod]
    [DataRow("https://feed.example/api/v2/package/")]
    [DataRow("https://feed.example/v3/index.json")]
    public void Resolve_HttpsUrl_IsHttpFeed(string url)
    {
        var feed = FeedSource.Resolve(url, null, allowInsecureConnections: false);

        Assert.AreEqual(FeedKind.Http, feed.Kind);
        Assert.AreEqual(url, feed.Location);
    }

    [TestMethod]
    public void Resolve_HttpWithoutAllow_Refused()
    {
        var e = Assert.ThrowsExactly<CilockException>(() => FeedSource.Resolve("http://127.0.0.1:5000/", null, allowInsecureConnections: false));

        Assert.AreEqual(GateDiagnostics.InsecureSource, e.Code);
    }

    [TestMethod]
    public void Resolve_UrlWithCredentials_DisplayOmitsThem()
    {
        var feed = FeedSource.Resolve("https://user:hunter2@feed.example/v3/index.json", null, allowInsecureConnections: false);

        Assert.IsFalse(feed.Display.Contains("hunter2", StringComparison.Ordinal), feed.Display);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("ftp://feed.example/")]
    public void Resolve_UnsupportedSource_Refused(string source)
    {
        var e = Assert.ThrowsExactly<CilockException>(() => FeedSource.Resolve(source, null, allowInsecureConnections: false));

        Assert.AreEqual(GateDiagnostics.InvalidSource, e.Code);
    }

    [TestMethod]
    public void Resolve_FileUrlAndRelativeFolder_AreFolderFeeds()
    {
        using var temp = new TempDirectory();

        var fromUrl = FeedSource.Resolve(new Uri(temp.Path).AbsoluteUri, null, false);

        Assert.AreEqual(FeedKind.Folder, fromUrl.Kind);
        Assert.AreEqual(Path.GetFullPath(temp.Path), Path.GetFullPath(fromUrl.Location));
    }

    [TestMethod]
    public void Resolve_MissingFolder_Refused()
    {
        using var temp = new TempDirectory();

        var e = Assert.ThrowsExactly<CilockException>(() => FeedSource.Resolve(temp.Combine("nope"), null, false));

        Assert.AreEqual(GateDiagnostics.FolderFeedMissing, e.Code);
    }

    [TestMethod]
    public void Resolve_ConfiguredSourceName_UsesItsLocation()
    {
        using var temp = new TempDirectory();
        var feed = Directory.CreateDirectory(temp.Combine("named-feed")).FullName;
        temp.WriteFile("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><add key="release-feed" value="{feed}" /></packageSources>
            </configuration>
            """);
        var settings = Settings.LoadDefaultSettings(temp.Path);

        var resolved = FeedSource.Resolve("release-feed", settings, false);

        Assert.AreEqual(FeedKind.Folder, resolved.Kind);
        Assert.AreEqual(feed, resolved.Location);
    }
}
