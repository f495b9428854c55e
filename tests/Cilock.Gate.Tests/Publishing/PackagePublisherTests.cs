using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Diagnostics;
using Cilock.Gate.Publishing;
using Cilock.Gate.Tests.Infrastructure;
using Cilock.Gate.Verification;
using Cilock.TestUtilities;

namespace Cilock.Gate.Tests.Publishing;

[TestClass]
public sealed class PackagePublisherTests
{
    private const string PlantedKey = "oy2-planted-secret-key-7f3a9c";

    [TestMethod]
    public async Task PublishAsync_VerifiedPackageToFolder_ArrivesByteIdenticalWithSidecar()
    {
        using var temp = new TempDirectory();
        var package = TestPackages.Create(temp.Combine("out"));
        var sidecar = temp.WriteFile("out/Acme.Widget.1.0.0.nupkg.intoto.jsonl", "{\"payloadType\":\"x\"}\n");
        var feed = Directory.CreateDirectory(temp.Combine("feed")).FullName;
        var verifier = Allowing(package);

        var result = await new PackagePublisher(verifier).PublishAsync(new PublishRequest(package, feed) { Evidence = [sidecar], SidecarPath = sidecar });

        Assert.AreEqual(PublishOutcome.Pushed, result.Outcome, Render(result));
        Assert.AreEqual(0, result.ExitCode);
        var published = Path.Combine(feed, "Acme.Widget.1.0.0.nupkg");
        Assert.AreEqual(published, result.PublishedPath);
        CollectionAssert.AreEqual(File.ReadAllBytes(package), File.ReadAllBytes(published));
        Assert.AreEqual(File.ReadAllText(sidecar), File.ReadAllText(published + ".intoto.jsonl"));
        Assert.AreEqual(TestPackages.Sha256(package), result.Sha256);
        Assert.AreEqual("Acme.Widget", result.PackageId);
    }

    [TestMethod]
    public async Task PublishAsync_DeniedPackage_RefusedAndFeedUnchanged()
    {
        using var temp = new TempDirectory();
        var package = TestPackages.Create(temp.Combine("out"));
        var evidence = temp.WriteFile("out/e.intoto.jsonl", "{}\n");
        var feed = Directory.CreateDirectory(temp.Combine("feed")).FullName;

        var result = await new PackagePublisher(new RecordingVerifier()).PublishAsync(new PublishRequest(package, feed) { Evidence = [evidence] });

        Assert.AreEqual(PublishOutcome.Refused, result.Outcome);
        Assert.AreEqual(1, result.ExitCode);
        Assert.AreEqual(GateDiagnostics.Refused, result.Diagnostics[0].Code);
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == "CIL3101" && d.Message.Contains(TestPackages.Sha256(package), StringComparison.Ordinal)), Render(result));
        Assert.AreEqual(0, Directory.GetFileSystemEntries(feed).Length);
    }

    [TestMethod]
    public async Task PublishAsync_NoEvidence_RefusedWithReason()
    {
        using var temp = new TempDirectory();
        var package = TestPackages.Create(temp.Combine("out"));
        var feed = Directory.CreateDirectory(temp.Combine("feed")).FullName;
        var verifier = Allowing(package);

        var result = await new PackagePublisher(verifier).PublishAsync(new PublishRequest(package, feed));

        Assert.AreEqual(PublishOutcome.Refused, result.Outcome);
        Assert.AreEqual(GateDiagnostics.EvidenceMissing, result.Diagnostics.Single().Code);
        Assert.AreEqual(0, verifier.Requests.Count);
        Assert.AreEqual(0, Directory.GetFileSystemEntries(feed).Length);
    }

    [TestMethod]
    public async Task PublishAsync_ExplicitEvidenceMissing_FailsWithCode()
    {
        using var temp = new TempDirectory();
        var package = TestPackages.Create(temp.Combine("out"));
        var feed = Directory.CreateDirectory(temp.Combine("feed")).FullName;

        var result = await new PackagePublisher(Allowing(package))
            .PublishAsync(new PublishRequest(package, feed) { Evidence = [temp.Combine("nope.intoto.jsonl")] });

        Assert.AreEqual(PublishOutcome.Failed, result.Outcome);
        Assert.AreEqual(GateDiagnostics.EvidenceMissing, result.Diagnostics.Last().Code);
        Assert.AreEqual(0, Directory.GetFileSystemEntries(feed).Length);
    }

    [TestMethod]
    public async Task PublishAsync_OriginalSwappedAfterSnapshot_PushesTheVerifiedBytes()
    {
        using var temp = new TempDirectory();
        var package = TestPackages.Create(temp.Combine("out"), content: "good");
        var goodBytes = File.ReadAllBytes(package);
        var evil = TestPackages.Create(temp.Combine("evil"), content: "evil");
        var feed = Directory.CreateDirectory(temp.Combine("feed")).FullName;
        var verifier = Allowing(package);
        var publisher = new PackagePublisher(verifier) { AfterSnapshot = _ => File.Copy(evil, package, overwrite: true) };

        var result = await publisher.PublishAsync(new PublishRequest(package, feed) { Evidence = [temp.WriteFile("e.json", "{}")] });

        Assert.AreEqual(PublishOutcome.Pushed, result.Outcome, Render(result));
        CollectionAssert.AreEqual(File.ReadAllBytes(evil), File.ReadAllBytes(package), "the original really was swapped");
        CollectionAssert.AreEqual(goodBytes, File.ReadAllBytes(Path.Combine(feed, "Acme.Widget.1.0.0.nupkg")));
    }

    [TestMethod]
    public async Task PublishAsync_SidecarEditedAfterSnapshot_PublishesTheVerifiedEvidence()
    {
        using var temp = new TempDirectory();
        var package = TestPackages.Create(temp.Combine("out"));
        var sidecar = temp.WriteFile("out/Acme.Widget.1.0.0.nupkg.intoto.jsonl", "{\"verified\":true}\n");
        var feed = Directory.CreateDirectory(temp.Combine("feed")).FullName;
        string? seen = null;
        var verifier = new RecordingVerifier { Override = r => { seen = File.ReadAllText(r.EvidencePaths.Single()); return PackageVerdict.Pass(); } };
        var publisher = new PackagePublisher(verifier) { AfterSnapshot = _ => File.WriteAllText(sidecar, "{\"forged\":true}\n") };

        var result = await publisher.PublishAsync(new PublishRequest(package, feed) { Evidence = [sidecar], SidecarPath = sidecar });

        Assert.AreEqual(PublishOutcome.Pushed, result.Outcome, Render(result));
        Assert.AreEqual("{\"verified\":true}\n", seen);
        Assert.AreEqual("{\"verified\":true}\n", File.ReadAllText(result.PublishedSidecarPath!));
    }

    [TestMethod]
    public async Task PublishAsync_TamperedPackageSwappedForGoodAfterSnapshot_StillRefused()
    {
        using var temp = new TempDirectory();
        var good = TestPackages.Create(temp.Combine("good"), content: "good");
        var package = TestPackages.Create(temp.Combine("out"), content: "tampered");
        var feed = Directory.CreateDirectory(temp.Combine("feed")).FullName;
        var publisher = new PackagePublisher(new RecordingVerifier(TestPackages.Sha256(good)))
        {
            AfterSnapshot = _ => File.Copy(good, package, overwrite: true),
        };

        var result = await publisher.PublishAsync(new PublishRequest(package, feed) { Evidence = [temp.WriteFile("e.json", "{}")] });

        Assert.AreEqual(PublishOutcome.Refused, result.Outcome);
        Assert.AreEqual(0, Directory.GetFileSystemEntries(feed).Length);
    }

    [TestMethod]
    [OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task PublishAsync_Always_VerifierSeesPrivateOwnerOnlyCopyThatIsDeletedAfterwards()
    {
        using var temp = new TempDirectory();
        var package = TestPackages.Create(temp.Combine("out"));
        var feed = Directory.CreateDirectory(temp.Combine("feed")).FullName;
        UnixFileMode? fileMode = null, dirMode = null;
        var verifier = new RecordingVerifier
        {
            Override = r =>
            {
                fileMode = File.GetUnixFileMode(r.PackagePath);
                dirMode = File.GetUnixFileMode(Path.GetDirectoryName(r.PackagePath)!);
                return PackageVerdict.Pass();
            },
        };

        var result = await new PackagePublisher(verifier).PublishAsync(new PublishRequest(package, feed) { Evidence = [temp.WriteFile("e.json", "{}")] });

        Assert.AreEqual(PublishOutcome.Pushed, result.Outcome, Render(result));
        var request = verifier.Requests.Single();
        Assert.AreNotEqual(Path.GetFullPath(package), request.PackagePath);
        Assert.AreEqual(TestPackages.Sha256(package), request.Digest.Sha256Hex);
        Assert.AreNotEqual(Path.GetFullPath(temp.Combine("e.json")), request.EvidencePaths.Single(), "evidence files are private copies too");
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, fileMode);
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, dirMode);
        Assert.IsFalse(File.Exists(request.PackagePath));
        Assert.IsFalse(Directory.Exists(Path.GetDirectoryName(request.PackagePath)));
    }

    [TestMethod]
    public async Task PublishAsync_ReasonsNamingPrivateCopies_ShowOriginalPaths()
    {
        using var temp = new TempDirectory();
        var package = TestPackages.Create(temp.Combine("out"));
        var evidence = temp.WriteFile("e.intoto.jsonl", "{}");
        var feed = Directory.CreateDirectory(temp.Combine("feed")).FullName;
        var verifier = new RecordingVerifier
        {
            Override = r => PackageVerdict.Fail(Diagnostic.Error("CIL3101", $"{r.EvidencePaths[0]}#1 does not bind {r.PackagePath}")),
        };

        var result = await new PackagePublisher(verifier).PublishAsync(new PublishRequest(package, feed) { Evidence = [evidence] });

        Assert.AreEqual($"{evidence}#1 does not bind {Path.GetFullPath(package)}", result.Diagnostics.Last().Message);
    }

    [TestMethod]
    public async Task PublishAsync_VerifierThrows_FailsClosed()
    {
        using var temp = new TempDirectory();
        var package = TestPackages.Create(temp.Combine("out"));
        var feed = Directory.CreateDirectory(temp.Combine("feed")).FullName;
        var verifier = new RecordingVerifier { Override = _ => throw new InvalidOperationException("boom") };

        var result = await new PackagePublisher(verifier).PublishAsync(new PublishRequest(package, feed) { Evidence = [temp.WriteFile("e.json", "{}")] });

        Assert.AreEqual(PublishOutcome.Failed, result.Outcome);
        Assert.AreEqual(GateDiagnostics.VerificationError, result.Diagnostics.Single().Code);
        Assert.AreEqual(0, Directory.GetFileSystemEntries(feed).Length);
    }

    [TestMethod]
    public async Task PublishAsync_VerifierCodedError_KeepsItsCode()
    {
        using var temp = new TempDirectory();
        var package = TestPackages.Create(temp.Combine("out"));
        var feed = Directory.CreateDirectory(temp.Combine("feed")).FullName;
        var verifier = new RecordingVerifier { Override = _ => throw new CilockException("CIL3004", "policy expired at 2020-01-01") };

        var result = await new PackagePublisher(verifier).PublishAsync(new PublishRequest(package, feed) { Evidence = [temp.WriteFile("e.json", "{}")] });

        Assert.AreEqual(PublishOutcome.Failed, result.Outcome);
        Assert.AreEqual("CIL3004", result.Diagnostics.Single().Code);
    }

    [TestMethod]
    public async Task PublishAsync_FolderFeedMissing_FailsWithCode()
    {
        using var temp = new TempDirectory();
        var package = TestPackages.Create(temp.Combine("out"));
        var verifier = Allowing(package);

        var result = await new PackagePublisher(verifier).PublishAsync(new PublishRequest(package, temp.Combine("no-such-feed")) { Evidence = [temp.WriteFile("e.json", "{}")] });

        Assert.AreEqual(PublishOutcome.Failed, result.Outcome);
        Assert.AreEqual(GateDiagnostics.FolderFeedMissing, result.Diagnostics.Single().Code);
        Assert.IsFalse(Directory.Exists(temp.Combine("no-such-feed")));
    }

    [TestMethod]
    public async Task PublishAsync_DuplicateInFolderFeed_RefusesToOverwrite()
    {
        using var temp = new TempDirectory();
        var first = TestPackages.Create(temp.Combine("first"), content: "first");
        var second = TestPackages.Create(temp.Combine("second"), content: "second");
        var feed = Directory.CreateDirectory(temp.Combine("feed")).FullName;
        var publisher = new PackagePublisher(new RecordingVerifier(TestPackages.Sha256(first), TestPackages.Sha256(second)));
        var evidence = temp.WriteFile("e.json", "{}");
        Assert.AreEqual(PublishOutcome.Pushed, (await publisher.PublishAsync(new PublishRequest(first, feed) { Evidence = [evidence] })).Outcome);

        var result = await publisher.PublishAsync(new PublishRequest(second, feed) { Evidence = [evidence] });

        Assert.AreEqual(PublishOutcome.Failed, result.Outcome);
        Assert.AreEqual(GateDiagnostics.AlreadyExists, result.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error).Code);
        CollectionAssert.AreEqual(File.ReadAllBytes(first), File.ReadAllBytes(Path.Combine(feed, "Acme.Widget.1.0.0.nupkg")));
    }

    [TestMethod]
    public async Task PublishAsync_V3FolderFeed_PushesIntoHierarchyAndDetectsDuplicates()
    {
        using var temp = new TempDirectory();
        var other = TestPackages.Create(temp.Combine("other"), id: "Other.Lib");
        var package = TestPackages.Create(temp.Combine("out"));
        var feed = Directory.CreateDirectory(temp.Combine("feed")).FullName;
        // An existing {id}/{version}/{id}.nuspec layout makes NuGet treat the folder as a v3 (hierarchical) feed.
        Directory.CreateDirectory(Path.Combine(feed, "other.lib", "1.0.0"));
        File.Copy(other, Path.Combine(feed, "other.lib", "1.0.0", "other.lib.1.0.0.nupkg"));
        File.WriteAllText(Path.Combine(feed, "other.lib", "1.0.0", "other.lib.nuspec"), "<package />");
        var publisher = new PackagePublisher(Allowing(package));
        var evidence = temp.WriteFile("e.json", "{}");

        var result = await publisher.PublishAsync(new PublishRequest(package, feed) { Evidence = [evidence] });
        var again = await publisher.PublishAsync(new PublishRequest(package, feed) { Evidence = [evidence] });

        Assert.AreEqual(PublishOutcome.Pushed, result.Outcome, Render(result));
        Assert.IsNotNull(result.PublishedPath);
        StringAssert.Contains(result.PublishedPath, Path.Combine("acme.widget", "1.0.0"));
        CollectionAssert.AreEqual(File.ReadAllBytes(package), File.ReadAllBytes(result.PublishedPath));
        Assert.AreEqual(GateDiagnostics.AlreadyExists, again.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error).Code);
    }

    [TestMethod]
    public async Task PublishAsync_NotANupkg_FailsWithCode()
    {
        using var temp = new TempDirectory();
        var bogus = temp.WriteFile("bogus.nupkg", "not a zip");
        var feed = Directory.CreateDirectory(temp.Combine("feed")).FullName;

        var result = await new PackagePublisher(new RecordingVerifier()).PublishAsync(new PublishRequest(bogus, feed) { Evidence = [bogus] });

        Assert.AreEqual(PublishOutcome.Failed, result.Outcome);
        Assert.AreEqual(GateDiagnostics.PackageUnreadable, result.Diagnostics.Single().Code);
    }

    [TestMethod]
    public async Task PublishAsync_SymbolsToFolder_CopiedBesidePackageWithoutOverwritingIt()
    {
        using var temp = new TempDirectory();
        var package = TestPackages.Create(temp.Combine("out"));
        var symbols = TestPackages.Create(temp.Combine("sym"), content: "pdb", fileName: "Acme.Widget.1.0.0.snupkg");
        var feed = Directory.CreateDirectory(temp.Combine("feed")).FullName;

        var result = await PublishAsync(temp, package, feed, Allowing(package), r => r with { SymbolsPath = symbols });

        Assert.AreEqual(PublishOutcome.Pushed, result.Outcome, Render(result));
        CollectionAssert.AreEqual(File.ReadAllBytes(package), File.ReadAllBytes(Path.Combine(feed, "Acme.Widget.1.0.0.nupkg")));
        CollectionAssert.AreEqual(File.ReadAllBytes(symbols), File.ReadAllBytes(Path.Combine(feed, "Acme.Widget.1.0.0.snupkg")));
    }

    [TestMethod]
    public async Task PublishAsync_SymbolsOfAnotherPackage_Fails()
    {
        using var temp = new TempDirectory();
        var package = TestPackages.Create(temp.Combine("out"));
        var symbols = TestPackages.Create(temp.Combine("sym"), id: "Other", fileName: "Other.1.0.0.snupkg");
        var feed = Directory.CreateDirectory(temp.Combine("feed")).FullName;

        var result = await PublishAsync(temp, package, feed, Allowing(package), r => r with { SymbolsPath = symbols });

        Assert.AreEqual(GateDiagnostics.SymbolsUnavailable, result.Diagnostics.Single().Code);
        Assert.AreEqual(0, Directory.GetFileSystemEntries(feed).Length);
    }

    [TestMethod]
    public async Task PublishAsync_VerifiedPackageOverHttp_ServerReceivesIdenticalBytesAndKey()
    {
        using var temp = new TempDirectory();
        using var server = new FakeNuGetServer();
        var package = TestPackages.Create(temp.Combine("out"));

        var result = await PublishAsync(temp, package, server.PushUrl, Allowing(package), Http);

        Assert.AreEqual(PublishOutcome.Pushed, result.Outcome, Render(result));
        var put = server.Puts.Single();
        Assert.AreEqual("/api/v2/package/", put.Path);
        Assert.AreEqual(PlantedKey, put.ApiKey);
        CollectionAssert.AreEqual(File.ReadAllBytes(package), put.PackageBytes);
        Assert.IsNull(result.PublishedPath);
    }

    [TestMethod]
    public async Task PublishAsync_SnupkgToFeedWithoutSymbolEndpoint_FailsWithoutSendingAnything()
    {
        using var temp = new TempDirectory();
        using var server = new FakeNuGetServer();
        var package = TestPackages.Create(temp.Combine("out"));
        var symbols = TestPackages.Create(temp.Combine("sym"), content: "pdb", fileName: "Acme.Widget.1.0.0.snupkg");

        var result = await PublishAsync(temp, package, server.PushUrl, Allowing(package), r => r with { SymbolsPath = symbols, AllowInsecureConnections = true });

        Assert.AreEqual(GateDiagnostics.SymbolsUnavailable, result.Diagnostics.Last().Code, Render(result));
        Assert.AreEqual(0, server.Puts.Count());
    }

    [TestMethod]
    public async Task PublishAsync_SourceNameWithConfiguredCredentials_AuthenticatesAndHidesPassword()
    {
        using var temp = new TempDirectory();
        using var server = new FakeNuGetServer { BasicAuth = ("feed-user", "feed-password-4c1d") };
        var package = TestPackages.Create(temp.Combine("out"));
        temp.WriteFile("config/nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><add key="private-feed" value="{server.PushUrl}" allowInsecureConnections="true" /></packageSources>
              <packageSourceCredentials>
                <private-feed>
                  <add key="Username" value="feed-user" />
                  <add key="ClearTextPassword" value="feed-password-4c1d" />
                </private-feed>
              </packageSourceCredentials>
            </configuration>
            """);

        var result = await PublishAsync(temp, package, "private-feed", Allowing(package), r => r with { AllowInsecureConnections = true, ConfigurationRoot = temp.Combine("config") });

        Assert.AreEqual(PublishOutcome.Pushed, result.Outcome, Render(result));
        Assert.AreEqual("feed-user", server.AuthorizedUsers.Single());
        CollectionAssert.AreEqual(File.ReadAllBytes(package), server.Puts.Single(p => p.PackageBytes is not null).PackageBytes);
        Assert.IsFalse(Render(result).Contains("feed-password-4c1d", StringComparison.Ordinal));
    }

    [TestMethod]
    public async Task PublishAsync_V3Index_ReadsIndexThenPushesToPublishEndpoint()
    {
        using var temp = new TempDirectory();
        using var server = new FakeNuGetServer();
        var package = TestPackages.Create(temp.Combine("out"));

        var result = await PublishAsync(temp, package, server.IndexUrl, Allowing(package), Http);

        Assert.AreEqual(PublishOutcome.Pushed, result.Outcome, Render(result));
        Assert.IsTrue(server.Requests.Any(r => r.Method == "GET" && r.Path == "/v3/index.json"));
        CollectionAssert.AreEqual(File.ReadAllBytes(package), server.Puts.Single().PackageBytes);
    }

    [TestMethod]
    public async Task PublishAsync_DeniedPackageOverHttp_NothingSent()
    {
        using var temp = new TempDirectory();
        using var server = new FakeNuGetServer();
        var package = TestPackages.Create(temp.Combine("out"));

        var result = await PublishAsync(temp, package, server.PushUrl, new RecordingVerifier(), r => r with { AllowInsecureConnections = true });

        Assert.AreEqual(PublishOutcome.Refused, result.Outcome);
        Assert.AreEqual(0, server.Requests.Count);
    }

    [TestMethod]
    public async Task PublishAsync_HttpWithoutAllowInsecure_RefusedBeforeAnyRequest()
    {
        using var temp = new TempDirectory();
        using var server = new FakeNuGetServer();
        var package = TestPackages.Create(temp.Combine("out"));
        var verifier = Allowing(package);

        var result = await new PackagePublisher(verifier).PublishAsync(
            new PublishRequest(package, server.PushUrl) { Evidence = [temp.WriteFile("e.json", "{}")], ApiKey = new NuGetApiKey(PlantedKey) });

        Assert.AreEqual(PublishOutcome.Failed, result.Outcome);
        Assert.AreEqual(GateDiagnostics.InsecureSource, result.Diagnostics.Single().Code);
        StringAssert.Contains(result.Diagnostics.Single().Message, "--allow-insecure-connections");
        Assert.AreEqual(0, server.Requests.Count);
    }

    [TestMethod]
    [DataRow(401, GateDiagnostics.Unauthorized)]
    [DataRow(403, GateDiagnostics.Unauthorized)]
    [DataRow(409, GateDiagnostics.AlreadyExists)]
    [DataRow(400, GateDiagnostics.PushFailed)]
    public async Task PublishAsync_ServerRejects_FailsWithDistinctCode(int status, string code)
    {
        using var temp = new TempDirectory();
        using var server = new FakeNuGetServer(status);
        var package = TestPackages.Create(temp.Combine("out"));

        var result = await PublishAsync(temp, package, server.PushUrl, Allowing(package), Http);

        Assert.AreEqual(PublishOutcome.Failed, result.Outcome, Render(result));
        Assert.AreEqual(2, result.ExitCode);
        Assert.AreEqual(code, result.Diagnostics.Last().Code, Render(result));
        AssertKeyAbsent(result, server);
    }

    [TestMethod]
    [TestCategory("Integration")]
    public async Task PublishAsync_ServerError_FailsAfterRetriesWithCode()
    {
        using var temp = new TempDirectory();
        using var server = new FakeNuGetServer(500);
        var package = TestPackages.Create(temp.Combine("out"));

        var result = await PublishAsync(temp, package, server.PushUrl, Allowing(package), Http);

        Assert.AreEqual(PublishOutcome.Failed, result.Outcome);
        Assert.AreEqual(GateDiagnostics.ServerError, result.Diagnostics.Last().Code, Render(result));
        AssertKeyAbsent(result, server);
    }

    [TestMethod]
    [TestCategory("Integration")]
    public async Task PublishAsync_ServerUnreachable_FailsWithCode()
    {
        using var temp = new TempDirectory();
        string url;
        using (var server = new FakeNuGetServer())
        {
            url = server.PushUrl;
        }

        var package = TestPackages.Create(temp.Combine("out"));

        var result = await PublishAsync(temp, package, url, Allowing(package), Http);

        Assert.AreEqual(PublishOutcome.Failed, result.Outcome);
        Assert.AreEqual(GateDiagnostics.Unreachable, result.Diagnostics.Last().Code, Render(result));
        Assert.IsFalse(Render(result).Contains(PlantedKey, StringComparison.OrdinalIgnoreCase));
    }

    [TestMethod]
    [TestCategory("Integration")]
    public async Task PublishAsync_ServerHangs_TimesOutWithCode()
    {
        using var temp = new TempDirectory();
        using var server = new FakeNuGetServer(hang: true);
        var package = TestPackages.Create(temp.Combine("out"));

        var result = await PublishAsync(temp, package, server.PushUrl, Allowing(package), r => r with { AllowInsecureConnections = true, TimeoutSeconds = 2 });

        Assert.AreEqual(PublishOutcome.Failed, result.Outcome);
        Assert.AreEqual(GateDiagnostics.Timeout, result.Diagnostics.Last().Code, Render(result));
    }

    private static Task<PublishResult> PublishAsync(TempDirectory temp, string package, string source, IPackageVerifier verifier, Func<PublishRequest, PublishRequest>? configure = null)
    {
        var request = new PublishRequest(package, source) { Evidence = [temp.WriteFile($"evidence-{Guid.NewGuid():N}.json", "{}")] };
        return new PackagePublisher(verifier).PublishAsync(configure is null ? request : configure(request));
    }

    private static RecordingVerifier Allowing(string package) => new(TestPackages.Sha256(package));

    private static PublishRequest Http(PublishRequest request) =>
        request with { ApiKey = new NuGetApiKey(PlantedKey), AllowInsecureConnections = true };

    private static void AssertKeyAbsent(PublishResult result, FakeNuGetServer server)
    {
        var everything = Render(result) + string.Join('\n', result.NuGetLog) + string.Join('\n', server.ServerLog);
        Assert.IsFalse(everything.Contains(PlantedKey, StringComparison.OrdinalIgnoreCase), "the API key leaked");
        Assert.IsTrue(server.Puts.All(p => p.ApiKey == PlantedKey), "the server did receive the key in its header");
    }

    private static string Render(PublishResult result) =>
        string.Join('\n', result.Diagnostics.Select(d => d.ToCanonicalString())) + "\n" + string.Join('\n', result.NuGetLog);
}
