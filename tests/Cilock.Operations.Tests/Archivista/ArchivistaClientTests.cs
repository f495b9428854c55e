using System.Text;
using Cilock.Attestation.Attestors.Ci;
using Cilock.Attestation.Diagnostics;
using Cilock.Operations.Archivista;

namespace Cilock.Operations.Tests.Archivista;

[TestClass]
public sealed class ArchivistaClientTests
{
    [TestMethod]
    [DataRow("{\"x\":1}", "1a7bc4cfd8d9ed640582479820560280fbc6d01039d8db3716a7943a360d0f44")]
    [DataRow("{\"x\":1}\n", "33860d3f659860200938841660443def91827268a9084f7041ef36d0bfe88210")]
    public void Gitoid_SpecVectors_IncludingTrailingNewline(string body, string expected) =>
        Assert.AreEqual(expected, Gitoid.Compute(Encoding.UTF8.GetBytes(body)));

    [TestMethod]
    public async Task Upload_ThenDownload_ServerGitoidIsOverTheExactBytesSent()
    {
        using var server = new ArchivistaLoopbackServer();
        using var client = await Settings(server).ConnectAsync();
        var envelope = ArchivedEvidence.Collection(TestKeys.Ephemeral(), "build", ArchivedEvidence.Digest('a')).ToJsonBytes();

        var gitoid = await client.UploadAsync(envelope);
        var withNewline = await client.UploadAsync(envelope.Append((byte)'\n').ToArray());

        Assert.AreEqual(Gitoid.Compute(envelope), gitoid);
        Assert.AreNotEqual(gitoid, withNewline, "Witness's trailing newline gives another object");
        CollectionAssert.AreEqual(envelope, await client.DownloadAsync(gitoid.ToUpperInvariant()));
        Assert.IsTrue(server.Requests.Any(r => r is { Method: "POST", Path: "/upload" }));
    }

    [TestMethod]
    public async Task UploadFile_TrailingNewline_StrippedBeforeUpload()
    {
        using var server = new ArchivistaLoopbackServer();
        using var dir = new TestUtilities.TempDirectory();
        var envelope = ArchivedEvidence.Collection(TestKeys.Ephemeral(), "build", ArchivedEvidence.Digest('a')).ToJsonBytes();
        var path = dir.Combine("build.attestation.json");
        File.WriteAllBytes(path, [.. envelope, (byte)'\n']);

        var gitoid = await ArchivistaPublisher.UploadFileAsync(Settings(server), path);

        Assert.AreEqual(Gitoid.Compute(envelope), gitoid);
        CollectionAssert.AreEqual(envelope, server.StoredBytes(gitoid));
    }

    [TestMethod]
    public async Task Download_TamperedBytes_Cil1713()
    {
        using var server = new ArchivistaLoopbackServer();
        using var client = await Settings(server).ConnectAsync();
        var gitoid = await client.UploadAsync(ArchivedEvidence.Collection(TestKeys.Ephemeral(), "build", ArchivedEvidence.Digest('a')).ToJsonBytes());
        server.Tamper = true;

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => client.DownloadAsync(gitoid));

        Assert.AreEqual(CiDiagnostics.ArchivistaGitoidMismatch, e.Code);
    }

    [TestMethod]
    public async Task Search_CollectionFilter_OnlyWitnessCollectionsIndexed_SubjectSearchFindsBoth()
    {
        using var server = new ArchivistaLoopbackServer();
        using var client = await Settings(server).ConnectAsync();
        var signer = TestKeys.Ephemeral();
        var shared = ArchivedEvidence.Digest('c');
        var witness = await client.UploadAsync(ArchivedEvidence.Collection(signer, "build", shared, witness: true).ToJsonBytes());
        var cilock = await client.UploadAsync(ArchivedEvidence.Collection(signer, "build", shared).ToJsonBytes());
        await client.UploadAsync(ArchivedEvidence.Collection(signer, "build", ArchivedEvidence.Digest('d')).ToJsonBytes());

        var byCollection = await client.SearchAsync(new ArchivistaSearch
        {
            SubjectDigests = [shared],
            CollectionName = "build",
            AttestationTypes = ["https://witness.dev/attestations/environment/v0.1"],
        });
        var bySubject = await client.SearchAsync(new ArchivistaSearch { SubjectDigests = [shared] });
        var excluding = await client.SearchAsync(new ArchivistaSearch { SubjectDigests = [shared], ExcludeGitoids = [witness] });

        CollectionAssert.AreEqual(new[] { witness }, byCollection.ToArray());
        CollectionAssert.AreEquivalent(new[] { witness, cilock }, bySubject.ToArray());
        CollectionAssert.AreEqual(new[] { cilock }, excluding.ToArray());
        var sent = server.Queries.Last();
        StringAssert.Contains((string)sent["query"]!, "gitoidSha256NotIn: $excludeGitoids");
        Assert.AreEqual(witness, (string?)sent["variables"]!["excludeGitoids"]![0]);
    }

    [TestMethod]
    public async Task Search_GraphQlErrors_Cil1712()
    {
        using var server = new ArchivistaLoopbackServer { GraphQlErrors = true };
        using var client = await Settings(server).ConnectAsync();

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => client.SearchAsync(new ArchivistaSearch { SubjectDigests = ["ab"] }));

        Assert.AreEqual(CiDiagnostics.ArchivistaResponseInvalid, e.Code);
        StringAssert.Contains(e.Message, "ent: query failed");
    }

    [TestMethod]
    public async Task Request_TransientFailures_RetriedThenSucceeds()
    {
        using var server = new ArchivistaLoopbackServer { FailNext = 2 };
        using var client = await Settings(server).ConnectAsync();

        var found = await client.SearchAsync(new ArchivistaSearch { SubjectDigests = ["ab"] });

        Assert.AreEqual(0, found.Count);
        Assert.AreEqual(3, server.Requests.Count);
    }

    [TestMethod]
    public async Task Request_ServerDown_Cil1711AfterAllAttempts()
    {
        string url;
        using (var gone = new ArchivistaLoopbackServer())
        {
            url = gone.BaseUrl;
        }

        using var client = await new ArchivistaSettings { Url = url, Environment = new Dictionary<string, string>(), RetryDelay = TimeSpan.FromMilliseconds(1), Timeout = TimeSpan.FromSeconds(5) }.ConnectAsync();
        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => client.UploadAsync("{}"u8.ToArray()));

        Assert.AreEqual(CiDiagnostics.ArchivistaRequestFailed, e.Code);
    }

    [TestMethod]
    public async Task Request_Unauthorized_NotRetriedAndHeaderValueNeverInMessage()
    {
        using var server = new ArchivistaLoopbackServer { RequiredAuthorization = "Bearer right" };
        using var client = await (Settings(server) with { Headers = ["Authorization: Bearer wrong-secret-value"] }).ConnectAsync();

        var e = await Assert.ThrowsExactlyAsync<CilockException>(() => client.SearchAsync(new ArchivistaSearch { SubjectDigests = ["ab"] }));

        Assert.AreEqual(CiDiagnostics.ArchivistaRequestFailed, e.Code);
        StringAssert.Contains(e.Message, "401");
        Assert.IsFalse(e.Message.Contains("wrong-secret-value", StringComparison.Ordinal));
        Assert.AreEqual(1, server.Requests.Count);
    }

    [TestMethod]
    public async Task Connect_GitHubOidc_BearerForArchivistaAudience_ExplicitHeaderWins()
    {
        using var server = new ArchivistaLoopbackServer();
        using var tokens = new TokenEndpoint();
        var env = new Dictionary<string, string>
        {
            [GitHubOidcToken.RequestUrlVariable] = "https://token.example.test/t?api-version=2.0",
            [GitHubOidcToken.RequestTokenVariable] = "runtime-credential",
            [ArchivistaSettings.HeadersVariable] = "X-Custom: from-env",
        };

        var settings = Settings(server) with { Environment = env, HttpHandler = tokens };
        using (var client = await settings.ConnectAsync())
        {
            await client.SearchAsync(new ArchivistaSearch { SubjectDigests = ["ab"] });
        }

        Assert.AreEqual(server.BaseUrl, tokens.LastAudience);
        var sent = server.Requests.Single();
        Assert.AreEqual("Bearer oidc-jwt", sent.Authorization);
        Assert.AreEqual("from-env", sent.Custom);

        using var explicitClient = await (settings with { Headers = ["Authorization: Basic abc"] }).ConnectAsync();
        await explicitClient.SearchAsync(new ArchivistaSearch { SubjectDigests = ["ab"] });
        Assert.AreEqual("Basic abc", server.Requests.Last().Authorization);
    }

    [TestMethod]
    [DataRow("no colon")]
    [DataRow(": value")]
    public void ParseHeaders_Malformed_Cil1710WithoutEcho(string line)
    {
        var e = Assert.ThrowsExactly<CilockException>(() => ArchivistaSettings.ParseHeaders([line]));
        Assert.AreEqual(CiDiagnostics.ArchivistaOptionInvalid, e.Code);
        Assert.IsFalse(e.Message.Contains(line, StringComparison.Ordinal));
    }

    [TestMethod]
    [DataRow("ftp://x")]
    [DataRow("relative/path")]
    public void ParseUrl_NotHttp_Cil1710(string url) =>
        Assert.AreEqual(CiDiagnostics.ArchivistaOptionInvalid, Assert.ThrowsExactly<CilockException>(() => ArchivistaClient.ParseUrl(url)).Code);

    internal static ArchivistaSettings Settings(ArchivistaLoopbackServer server) =>
        new() { Url = server.BaseUrl, Environment = new Dictionary<string, string>(), RetryDelay = TimeSpan.FromMilliseconds(1) };

    // The OIDC request goes to a fake token endpoint, the Archivista calls to the real loopback server: route by host.
    private sealed class TokenEndpoint : HttpMessageHandler
    {
        public string? LastAudience { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.RequestUri!.Host == "token.example.test")
            {
                LastAudience = Uri.UnescapeDataString(request.RequestUri.Query.Split("audience=")[1]);
                return new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent("{\"value\":\"oidc-jwt\"}") };
            }

            using var passthrough = new HttpClient();
            var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Content = request.Content };
            foreach (var h in request.Headers)
            {
                copy.Headers.TryAddWithoutValidation(h.Key, h.Value);
            }

            return await passthrough.SendAsync(copy, cancellationToken);
        }
    }
}
