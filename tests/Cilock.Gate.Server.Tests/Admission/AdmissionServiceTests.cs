using System.Net;
using System.Text.Json;
using Cilock.Gate.Server.Configuration;
using Cilock.Gate.Server.Diagnostics;
using Cilock.Gate.Server.Tests.Infrastructure;
using NuGet.Common;
using NuGet.Configuration;
using NuGet.Protocol;
using NuGet.Protocol.Core.Types;

namespace Cilock.Gate.Server.Tests.Admission;

[TestClass]
public sealed class AdmissionServiceTests
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromMinutes(2) };

    [TestMethod]
    public async Task Push_GenuinePackageWithNuGetProtocol_AdmittedByteIdenticalAndAudited()
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        var package = scenario.CreatePackage();
        scenario.WriteEvidence(package);

        await NuGetPushAsync(scenario, package, scenario.PusherKey);

        var upstream = scenario.UpstreamPackages().Single();
        CollectionAssert.AreEqual(File.ReadAllBytes(package), File.ReadAllBytes(upstream));
        var audit = JsonDocument.Parse(scenario.AuditLines.Single()).RootElement;
        Assert.AreEqual("admitted", audit.GetProperty("verdict").GetString());
        Assert.AreEqual("ci-bot", audit.GetProperty("pusher").GetString());
        Assert.AreEqual(AdmissionScenario.Sha256(package), audit.GetProperty("sha256").GetString());
        Assert.AreEqual("Acme.Widget", audit.GetProperty("id").GetString());
        StringAssert.StartsWith(audit.GetProperty("policyDigest").GetString(), "sha256:");
        Assert.IsTrue(File.Exists(upstream + ".intoto.jsonl"), "the verified evidence is published beside the package");
    }

    [TestMethod]
    public async Task Push_RefusedWithNuGetProtocol_ClientSeesReasonPhrase()
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        var package = scenario.CreatePackage();

        var error = await Assert.ThrowsAsync<Exception>(() => NuGetPushAsync(scenario, package, scenario.PusherKey), "no evidence: NuGet must fail");

        StringAssert.Contains(error.ToString(), AdmissionDiagnostics.NoEvidence);
        Assert.IsEmpty(scenario.UpstreamPackages());
    }

    [TestMethod]
    public async Task Push_MissingEvidence_403WithReason()
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        var package = scenario.CreatePackage();

        using var response = await scenario.PushAsync(Client, package);

        AssertRefused(response, HttpStatusCode.Forbidden, AdmissionDiagnostics.NoEvidence, AdmissionScenario.Sha256(package));
        Assert.IsEmpty(scenario.UpstreamPackages());
    }

    [TestMethod]
    public async Task Push_PolicyDenies_403NamesTheStep()
    {
        await using var scenario = await new AdmissionScenario(requiredType: "https://witness.dev/attestations/git/v0.1").StartAsync();
        var package = scenario.CreatePackage();
        scenario.WriteEvidence(package);

        using var response = await scenario.PushAsync(Client, package);

        AssertRefused(response, HttpStatusCode.Forbidden, AdmissionDiagnostics.Denied, "pack");
        Assert.IsEmpty(scenario.UpstreamPackages());
        Assert.AreEqual("refused", JsonDocument.Parse(scenario.AuditLines.Single()).RootElement.GetProperty("verdict").GetString());
    }

    [TestMethod]
    public async Task Push_TamperedPackage_403AndNothingForwarded()
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        var package = scenario.CreatePackage();
        scenario.WriteEvidence(package);
        File.AppendAllText(package, "tampered");

        using var response = await scenario.PushAsync(Client, package);

        AssertRefused(response, HttpStatusCode.Forbidden, AdmissionDiagnostics.NoEvidence, "modified");
        Assert.IsEmpty(scenario.UpstreamPackages());
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("not-a-configured-key")]
    public async Task Push_UnknownPusherKey_403(string key)
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        var package = scenario.CreatePackage();
        scenario.WriteEvidence(package);

        using var response = await scenario.PushAsync(Client, package, apiKey: key);

        AssertRefused(response, HttpStatusCode.Forbidden, AdmissionDiagnostics.UnknownPusher, "X-NuGet-ApiKey");
        Assert.IsEmpty(scenario.UpstreamPackages());
        Assert.IsFalse(JsonDocument.Parse(scenario.AuditLines.Single()).RootElement.TryGetProperty("pusher", out _));
    }

    [TestMethod]
    public async Task Push_BodyOverLimit_413()
    {
        await using var scenario = new AdmissionScenario();
        scenario.Options.MaxPackageBytes = 64;
        await scenario.StartAsync();
        var package = scenario.CreatePackage();
        scenario.WriteEvidence(package);

        using var response = await scenario.PushAsync(Client, package);

        AssertRefused(response, HttpStatusCode.RequestEntityTooLarge, AdmissionDiagnostics.BodyTooLarge, "64 bytes");
        Assert.IsEmpty(scenario.UpstreamPackages());
    }

    [TestMethod]
    public async Task Push_HttpUpstreamDown_503AndUpstreamKeyNeverShown()
    {
        await using var scenario = new AdmissionScenario();
        const string upstreamKey = "upstream-key-7f3a9c1e5b";
        scenario.Options.Upstream = new UpstreamOptions
        {
            Source = $"http://127.0.0.1:{AdmissionScenario.ClosedPort()}/api/v2/package/",
            ApiKey = upstreamKey,
            AllowInsecureConnections = true,
            TimeoutSeconds = 20,
        };
        await scenario.StartAsync();
        var package = scenario.CreatePackage();
        scenario.WriteEvidence(package);

        using var response = await scenario.PushAsync(Client, package);
        var body = await response.Content.ReadAsStringAsync();

        AssertRefused(response, HttpStatusCode.ServiceUnavailable, AdmissionDiagnostics.UpstreamUnavailable, "not forwarded");
        var everything = body + response.ReasonPhrase + string.Join("\n", scenario.AuditLines);
        Assert.DoesNotContain(upstreamKey, everything);
        Assert.DoesNotContain(scenario.PusherKey, everything);
    }

    [TestMethod]
    public async Task Push_EvidenceStoreRemoved_503()
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        var package = scenario.CreatePackage();
        scenario.WriteEvidence(package);
        Directory.Delete(scenario.EvidenceStore, recursive: true);

        using var response = await scenario.PushAsync(Client, package);

        AssertRefused(response, HttpStatusCode.ServiceUnavailable, AdmissionDiagnostics.EvidenceStoreUnavailable, "evidence store");
        Assert.IsEmpty(scenario.UpstreamPackages());
        using var health = await Client.GetAsync(scenario.BaseUrl + "/healthz");
        Assert.AreEqual(HttpStatusCode.ServiceUnavailable, health.StatusCode);
    }

    [TestMethod]
    public async Task Push_NoPolicyForId_403()
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        var package = scenario.CreatePackage(id: "Other.Lib");
        scenario.WriteEvidence(package);

        using var response = await scenario.PushAsync(Client, package);

        AssertRefused(response, HttpStatusCode.Forbidden, AdmissionDiagnostics.NoPolicy, "Other.Lib");
    }

    [TestMethod]
    public async Task Push_NotANupkg_400()
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        var junk = scenario.Temp.WriteFile("junk.nupkg", "not a zip");

        using var response = await scenario.PushAsync(Client, junk);

        AssertRefused(response, HttpStatusCode.BadRequest, AdmissionDiagnostics.BadPackage, "not a valid NuGet package");
    }

    [TestMethod]
    public async Task Push_SameVersionTwiceConcurrently_OneAdmittedOtherConflict()
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        var package = scenario.CreatePackage();
        scenario.WriteEvidence(package);

        var responses = await Task.WhenAll(scenario.PushAsync(Client, package), scenario.PushAsync(Client, package));

        var statuses = responses.Select(r => r.StatusCode).Order().ToList();
        CollectionAssert.AreEqual(new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }, statuses);
        Assert.HasCount(1, scenario.UpstreamPackages());
        Assert.HasCount(2, scenario.AuditLines);
    }

    [TestMethod]
    public async Task UploadEvidence_ThenPlainPush_Admitted()
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        var package = scenario.CreatePackage();
        using var upload = new HttpRequestMessage(HttpMethod.Put, scenario.BaseUrl + "/evidence") { Content = new StringContent(scenario.EvidenceLine(package)) };
        upload.Headers.Add("X-NuGet-ApiKey", scenario.PusherKey);

        using var stored = await Client.SendAsync(upload);
        using var pushed = await scenario.PushAsync(Client, package);

        Assert.AreEqual(HttpStatusCode.Created, stored.StatusCode, await stored.Content.ReadAsStringAsync());
        Assert.AreEqual(HttpStatusCode.Created, pushed.StatusCode, pushed.ReasonPhrase);
        Assert.HasCount(1, Directory.GetFiles(scenario.Options.UploadStore!, "*.intoto.jsonl"));
    }

    [TestMethod]
    [DataRow("{\"not\":\"dsse\"}")]
    [DataRow("garbage")]
    public async Task UploadEvidence_NotDsse_400AndNothingStored(string body)
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        using var upload = new HttpRequestMessage(HttpMethod.Put, scenario.BaseUrl + "/evidence") { Content = new StringContent(body) };
        upload.Headers.Add("X-NuGet-ApiKey", scenario.PusherKey);

        using var response = await Client.SendAsync(upload);

        AssertRefused(response, HttpStatusCode.BadRequest, AdmissionDiagnostics.BadEvidence, "DSSE");
        Assert.IsFalse(Directory.Exists(scenario.Options.UploadStore!) && Directory.EnumerateFiles(scenario.Options.UploadStore!).Any());
    }

    [TestMethod]
    public async Task UploadEvidence_UnknownKey_403()
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        using var upload = new HttpRequestMessage(HttpMethod.Put, scenario.BaseUrl + "/evidence") { Content = new StringContent("{}") };

        using var response = await Client.SendAsync(upload);

        AssertRefused(response, HttpStatusCode.Forbidden, AdmissionDiagnostics.UnknownPusher, "X-NuGet-ApiKey");
    }

    [TestMethod]
    public async Task Delete_FolderUpstream_RemovesPackageAndAudits()
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        var package = scenario.CreatePackage();
        scenario.WriteEvidence(package);
        using var pushed = await scenario.PushAsync(Client, package);
        using var request = new HttpRequestMessage(HttpMethod.Delete, scenario.PushUrl + "Acme.Widget/1.0.0");
        request.Headers.Add("X-NuGet-ApiKey", scenario.PusherKey);

        using var deleted = await Client.SendAsync(request);
        using var again = await Client.SendAsync(Clone(request));

        Assert.AreEqual(HttpStatusCode.Created, pushed.StatusCode);
        Assert.AreEqual(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, again.StatusCode);
        Assert.IsEmpty(scenario.UpstreamPackages());
        Assert.HasCount(3, scenario.AuditLines);
    }

    [TestMethod]
    public async Task PushSymbols_AfterAdmittedPackage_StoredBesideIt()
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        var package = scenario.CreatePackage();
        scenario.WriteEvidence(package);
        var symbols = scenario.CreatePackage(content: "pdb");
        using var early = await scenario.PushAsync(Client, symbols, url: scenario.BaseUrl + "/api/v2/symbolpackage/");
        using var pushed = await scenario.PushAsync(Client, package);

        using var stored = await scenario.PushAsync(Client, symbols, url: scenario.BaseUrl + "/api/v2/symbolpackage/");

        AssertRefused(early, HttpStatusCode.Forbidden, AdmissionDiagnostics.SymbolsRefused, "not been admitted");
        Assert.AreEqual(HttpStatusCode.Created, stored.StatusCode, stored.ReasonPhrase);
        var snupkg = Directory.GetFiles(scenario.Upstream, "*.snupkg", SearchOption.AllDirectories).Single();
        CollectionAssert.AreEqual(File.ReadAllBytes(symbols), File.ReadAllBytes(snupkg));
    }

    [TestMethod]
    public async Task ServiceIndex_AdvertisesPublishAndSymbolResources()
    {
        await using var scenario = await new AdmissionScenario().StartAsync();

        var index = JsonDocument.Parse(await Client.GetStringAsync(scenario.IndexUrl)).RootElement;
        var types = index.GetProperty("resources").EnumerateArray().ToDictionary(r => r.GetProperty("@type").GetString()!, r => r.GetProperty("@id").GetString()!);

        Assert.AreEqual(scenario.PushUrl.TrimEnd('/'), types["PackagePublish/2.0.0"]);
        Assert.AreEqual(scenario.BaseUrl + "/api/v2/symbolpackage", types["SymbolPackagePublish/4.9.0"]);
        Assert.AreEqual("ok\n", await Client.GetStringAsync(scenario.BaseUrl + "/healthz"));
    }

    [TestMethod]
    public async Task AuditLog_OneLinePerDecisionAndNoPusherKey()
    {
        await using var scenario = await new AdmissionScenario().StartAsync();
        var good = scenario.CreatePackage(version: "1.0.0");
        scenario.WriteEvidence(good);
        var bad = scenario.CreatePackage(version: "2.0.0");

        using var a = await scenario.PushAsync(Client, good);
        using var b = await scenario.PushAsync(Client, bad);
        using var c = await scenario.PushAsync(Client, good, apiKey: "wrong");

        var lines = scenario.AuditLines;
        Assert.HasCount(3, lines);
        CollectionAssert.AreEqual(new[] { "admitted", "refused", "refused" }, lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("verdict").GetString()).ToArray());
        Assert.DoesNotContain(scenario.PusherKey, File.ReadAllText(scenario.Options.AuditLog));
    }

    internal static async Task NuGetPushAsync(AdmissionScenario scenario, string package, string key)
    {
        var source = new PackageSource(scenario.IndexUrl) { AllowInsecureConnections = true };
        var resource = await Repository.Factory.GetCoreV3(source).GetResourceAsync<PackageUpdateResource>();
        await resource!.Push([package], symbolSource: null!, timeoutInSecond: 120, disableBuffering: false, getApiKey: _ => key, getSymbolApiKey: _ => null!,
            noServiceEndpoint: false, skipDuplicate: false, symbolPackageUpdateResource: null!, allowInsecureConnections: true, log: NullLogger.Instance);
    }

    private static void AssertRefused(HttpResponseMessage response, HttpStatusCode status, string code, string fragment)
    {
        Assert.AreEqual(status, response.StatusCode, response.ReasonPhrase);
        StringAssert.Contains(response.ReasonPhrase, code);
        StringAssert.Contains(response.ReasonPhrase, fragment);
    }

    private static HttpRequestMessage Clone(HttpRequestMessage request)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri);
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return copy;
    }
}
