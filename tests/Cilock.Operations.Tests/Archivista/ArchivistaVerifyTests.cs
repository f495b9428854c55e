using System.Security.Cryptography;
using System.Text;
using Cilock.Attestation.Attestors.Ci;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Operations.Archivista;
using Cilock.Operations.Run;
using Cilock.Operations.Tests.Run;
using Cilock.Operations.Verification;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Archivista;

[TestClass]
public sealed class ArchivistaVerifyTests
{
    [TestMethod]
    [DataRow(3, 3)]
    [DataRow(2, 2)]
    [DataRow(1, 1)]
    public async Task CollectAsync_BackrefChain_FollowsUpToDepth(int depth, int expected)
    {
        using var server = new ArchivistaLoopbackServer();
        var signer = TestKeys.Ephemeral();
        var (x, y, z) = (ArchivedEvidence.Digest('1'), ArchivedEvidence.Digest('2'), ArchivedEvidence.Digest('3'));
        using (var client = await ArchivistaClientTests.Settings(server).ConnectAsync())
        {
            await client.UploadAsync(ArchivedEvidence.Collection(signer, "pack", x, backrefDigest: y).ToJsonBytes());
            await client.UploadAsync(ArchivedEvidence.Collection(signer, "test", y, backrefDigest: z).ToJsonBytes());
            await client.UploadAsync(ArchivedEvidence.Collection(signer, "build", z).ToJsonBytes());
            await client.UploadAsync(ArchivedEvidence.Collection(signer, "other", ArchivedEvidence.Digest('9')).ToJsonBytes());
        }

        var source = new ArchivistaEvidenceSource(ArchivistaClientTests.Settings(server), ["sha256:" + x], depth);
        var found = await source.CollectAsync(new List<Diagnostic>());

        Assert.AreEqual(expected, found.Count);
        CollectionAssert.AreEqual(new[] { "pack", "test", "build" }.Take(expected).ToArray(), found.Select(f => Step(f.Envelope)).ToArray());
        Assert.IsTrue(server.Queries.Skip(1).All(q => q["variables"]!["excludeGitoids"]!.AsArray().Count > 0), "later rounds exclude what was fetched");
    }

    [TestMethod]
    public async Task Verify_UploadedRun_PassesFromArchivistaAlone()
    {
        using var dir = new TempDirectory();
        using var server = new ArchivistaLoopbackServer();
        var (options, envelopePath) = await RecordAndPolicyAsync(dir);
        await ArchivistaPublisher.UploadFileAsync(ArchivistaClientTests.Settings(server), envelopePath);

        var result = VerifyOperation.CreateDefault().Execute(options with { Archivista = ArchivistaClientTests.Settings(server) });

        Assert.AreEqual(0, result.ExitCode, string.Join("\n", result.Diagnostics));
        Assert.IsTrue(server.Requests.Any(r => r.Path.StartsWith("/download/", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task Verify_TamperedStore_FailsClosed()
    {
        using var dir = new TempDirectory();
        using var server = new ArchivistaLoopbackServer();
        var (options, envelopePath) = await RecordAndPolicyAsync(dir);
        await ArchivistaPublisher.UploadFileAsync(ArchivistaClientTests.Settings(server), envelopePath);
        server.Tamper = true;

        var result = VerifyOperation.CreateDefault().Execute(options with { Archivista = ArchivistaClientTests.Settings(server) });

        Assert.AreNotEqual(0, result.ExitCode);
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == CiDiagnostics.ArchivistaGitoidMismatch), string.Join("\n", result.Diagnostics));
    }

    [TestMethod]
    public async Task Verify_ArchivistaDown_FailsClosed()
    {
        using var dir = new TempDirectory();
        var (options, _) = await RecordAndPolicyAsync(dir);
        string url;
        using (var gone = new ArchivistaLoopbackServer())
        {
            url = gone.BaseUrl;
        }

        var settings = new ArchivistaSettings { Url = url, Environment = new Dictionary<string, string>(), Attempts = 2, RetryDelay = TimeSpan.FromMilliseconds(1) };
        var result = VerifyOperation.CreateDefault().Execute(options with { Archivista = settings });

        Assert.AreEqual(2, result.ExitCode);
        Assert.AreEqual(CiDiagnostics.ArchivistaRequestFailed, result.Diagnostics.Single().Code);
    }

    [TestMethod]
    public async Task Verify_NothingUploaded_FailsWithNoCollections()
    {
        using var dir = new TempDirectory();
        using var server = new ArchivistaLoopbackServer();
        var (options, _) = await RecordAndPolicyAsync(dir);

        var result = VerifyOperation.CreateDefault().Execute(options with { Archivista = ArchivistaClientTests.Settings(server) });

        Assert.AreEqual(1, result.ExitCode);
    }

    private static string Step(DsseEnvelope envelope) =>
        (string)System.Text.Json.Nodes.JsonNode.Parse(envelope.Payload)!["predicate"]!["name"]!;

    /// <summary>Records a real `cilock run` step, scaffolds and signs a policy for it; verify options without local evidence.</summary>
    internal static async Task<(VerifyOptions Options, string EnvelopePath)> RecordAndPolicyAsync(TempDirectory dir)
    {
        var key = TestKeys.Create(dir, "functionary");
        var policyKey = TestKeys.Create(dir, "policy");
        var work = Directory.CreateDirectory(dir.Combine("work")).FullName;
        var runner = new FakeCommandRunner(0)
        {
            During = _ =>
            {
                File.WriteAllText(Path.Combine(work, "app.dll"), "assembly bytes");
                return Task.CompletedTask;
            },
        };
        var evidenceDir = Directory.CreateDirectory(dir.Combine("evidence")).FullName;
        var run = await new RunOperation(runner).ExecuteAsync(new RunOptions
        {
            StepName = "build",
            Command = ["make"],
            KeyPath = key.Path,
            WorkingDirectory = work,
            OutputPath = Path.Combine(evidenceDir, "build.attestation.json"),
            Attestations = ["environment"],
            Environment = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin" },
        });
        var policy = dir.Combine("policy.json");
        var signed = dir.Combine("policy.signed.json");
        var created = PolicyOperations.New(new PolicyNewOptions([evidenceDir], [key.Pub]) { OutFile = policy });
        Assert.AreEqual(0, created.ExitCode, string.Join("\n", created.Diagnostics));
        Assert.AreEqual(0, PolicyOperations.Sign(policy, policyKey.Path, signed).ExitCode);

        var subject = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("assembly bytes")));
        var statement = System.Text.Json.Nodes.JsonNode.Parse(DsseEnvelope.Parse(File.ReadAllBytes(run.OutputPath)).Payload)!;
        var subjectDigest = statement["subject"]!.AsArray().Select(s => (string)s!["digest"]!["sha256"]!).FirstOrDefault(d => d == subject)
            ?? (string)statement["subject"]![0]!["digest"]!["sha256"]!;
        return (new VerifyOptions(signed, [policyKey.Pub]) { Subjects = ["sha256:" + subjectDigest] }, run.OutputPath);
    }
}
