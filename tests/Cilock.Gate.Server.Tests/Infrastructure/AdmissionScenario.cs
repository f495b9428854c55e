using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Signing;
using Cilock.Gate.Server.Configuration;
using Cilock.Gate.Server.Hosting;
using Cilock.TestUtilities;
using NuGet.Packaging;
using NuGet.Versioning;

namespace Cilock.Gate.Server.Tests.Infrastructure;

/// <summary>
/// A real gate setup: evidence and policy keys, an evidence store, a folder upstream, a signed policy requiring a
/// Witness-shaped "pack" step from the evidence key, a pusher key, and a gate on a free loopback port.
/// </summary>
internal sealed class AdmissionScenario : IAsyncDisposable
{
    internal const string ProductType = "https://witness.dev/attestations/product/v0.1";
    private const string CollectionType = "https://witness.testifysec.com/attestation-collection/v0.1";
    private const string PolicyPayloadType = "https://witness.testifysec.com/policy/v0.1";

    private readonly GeneratedKey _evidenceKey = KeyGenerator.Generate();
    private readonly GeneratedKey _policyKey = KeyGenerator.Generate();

    internal AdmissionScenario(string requiredType = ProductType)
    {
        EvidenceStore = Directory.CreateDirectory(Temp.Combine("evidence")).FullName;
        Upstream = Directory.CreateDirectory(Temp.Combine("upstream")).FullName;
        PolicyKeyPath = Temp.WriteFile("keys/policy.pub", _policyKey.PublicKeyPem);
        PolicyPath = Temp.Combine("policy.signed.json");
        WritePolicy(requiredType);
        Options = new GateServerOptions
        {
            EvidenceStore = EvidenceStore,
            UploadStore = Temp.Combine("uploaded"),
            AuditLog = Temp.Combine("audit", "audit.jsonl"),
            Upstream = new UpstreamOptions { Source = Upstream },
            Pushers = [new PusherOptions { Identity = "ci-bot", ApiKeySha256 = Cilock.Gate.Server.Security.PusherAuthenticator.Hash(PusherKey) }],
            Policies = [new PolicyRuleOptions { Packages = "Acme.*", Policy = PolicyPath, PublicKeys = [PolicyKeyPath] }],
        };
    }

    internal TempDirectory Temp { get; } = new("cilock-admission");

    internal string EvidenceStore { get; }

    internal string Upstream { get; }

    internal string PolicyPath { get; }

    internal string PolicyKeyPath { get; }

    internal string PusherKey { get; } = "pusher-" + Guid.NewGuid().ToString("N");

    internal GateServerOptions Options { get; }

    internal GateServer? Server { get; private set; }

    internal string BaseUrl { get; private set; } = "";

    internal string IndexUrl => BaseUrl + "/v3/index.json";

    internal string PushUrl => BaseUrl + "/api/v2/package/";

    internal string[] AuditLines => File.Exists(Options.AuditLog) ? File.ReadAllLines(Options.AuditLog) : [];

    internal async Task<AdmissionScenario> StartAsync()
    {
        Server = GateServer.Create(Options, ["http://127.0.0.1:0"]);
        await Server.StartAsync();
        BaseUrl = Server.Addresses.First().TrimEnd('/');
        return this;
    }

    /// <summary>Builds a real nupkg with NuGet.Packaging.</summary>
    internal string CreatePackage(string id = "Acme.Widget", string version = "1.0.0", string content = "hello")
    {
        var directory = Directory.CreateDirectory(Temp.Combine("packages", Guid.NewGuid().ToString("N"))).FullName;
        var builder = new PackageBuilder { Id = id, Version = NuGetVersion.Parse(version), Description = "admission test package" };
        builder.Authors.Add("cilock tests");
        var payload = Path.Combine(directory, "payload.txt");
        File.WriteAllText(payload, content);
        builder.Files.Add(new PhysicalPackageFile { SourcePath = payload, TargetPath = "content/readme.txt" });
        var path = Path.Combine(directory, $"{id}.{version}.nupkg");
        using (var stream = File.Create(path))
        {
            builder.Save(stream);
        }

        File.Delete(payload);
        return path;
    }

    internal static string Sha256(string path) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>A signed pack collection whose product subject is the package's sha256, as one JSON line.</summary>
    internal string EvidenceLine(string packagePath)
    {
        var name = Path.GetFileName(packagePath);
        var sha256 = Sha256(packagePath);
        var now = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var predicate = new JsonObject
        {
            ["name"] = "pack",
            ["attestations"] = new JsonArray(new JsonObject
            {
                ["type"] = ProductType,
                ["attestation"] = new JsonObject { [name] = new JsonObject { ["mime_type"] = "application/zip", ["digest"] = new JsonObject { ["sha256"] = sha256 } } },
                ["starttime"] = now,
                ["endtime"] = now,
            }),
        };
        var statement = new Statement(CollectionType, [new Subject($"{ProductType}/file:{name}", [new("sha256", sha256)])], predicate);
        var signer = KeyLoader.LoadSignerFromPem(_evidenceKey.PrivateKeyPem, default);
        return DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, statement.ToJsonBytes(), [signer]).ToJson() + "\n";
    }

    /// <summary>Deposits the package's evidence in the store (one file per package, as the SDK's sidecar).</summary>
    internal string WriteEvidence(string packagePath)
    {
        var target = Path.Combine(EvidenceStore, Path.GetFileName(packagePath) + "." + Guid.NewGuid().ToString("N")[..8] + ".intoto.jsonl");
        File.WriteAllText(target, EvidenceLine(packagePath));
        return target;
    }

    private void WritePolicy(string requiredType)
    {
        var keyB64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(_evidenceKey.PublicKeyPem));
        var policy = new JsonObject
        {
            ["expires"] = DateTimeOffset.UtcNow.AddYears(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["publickeys"] = new JsonObject { [_evidenceKey.KeyId] = new JsonObject { ["keyid"] = _evidenceKey.KeyId, ["key"] = keyB64 } },
            ["steps"] = new JsonObject
            {
                ["pack"] = new JsonObject
                {
                    ["name"] = "pack",
                    ["functionaries"] = new JsonArray(new JsonObject { ["type"] = "publickey", ["publickeyid"] = _evidenceKey.KeyId }),
                    ["attestations"] = new JsonArray(new JsonObject { ["type"] = requiredType }),
                },
            },
        };
        var signer = KeyLoader.LoadSignerFromPem(_policyKey.PrivateKeyPem, default);
        File.WriteAllText(PolicyPath, DsseSigner.Sign(PolicyPayloadType, Encoding.UTF8.GetBytes(policy.ToJsonString()), [signer]).ToJson());
    }

    /// <summary>Pushes like NuGet does (multipart/form-data, X-NuGet-ApiKey) with a plain HttpClient.</summary>
    internal async Task<HttpResponseMessage> PushAsync(HttpClient client, string packagePath, string? apiKey = null, string? url = null)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(packagePath));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        content.Add(file, "package", "package.nupkg");
        using var request = new HttpRequestMessage(HttpMethod.Put, url ?? PushUrl) { Content = content };
        request.Headers.Add("X-NuGet-ApiKey", apiKey ?? PusherKey);
        return await client.SendAsync(request);
    }

    /// <summary>Every upstream package file (flat or hierarchical layout).</summary>
    internal string[] UpstreamPackages() => Directory.GetFiles(Upstream, "*.nupkg", SearchOption.AllDirectories);

    internal static int ClosedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.StopAsync();
            await Server.DisposeAsync();
        }

        Temp.Dispose();
    }
}
