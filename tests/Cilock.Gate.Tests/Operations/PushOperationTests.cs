using Cilock.Gate.Diagnostics;
using Cilock.Gate.Publishing;
using Cilock.Gate.Tests.Infrastructure;
using Cilock.Operations.Publishing;

namespace Cilock.Gate.Tests.Operations;

/// <summary>The gate end to end with the real policy verifier: signed evidence, signed policy, folder and HTTP feeds.</summary>
[TestClass]
public sealed class PushOperationTests
{
    private const string PlantedKey = "oy2-planted-operation-key-51c0de";

    [TestMethod]
    public async Task ExecuteAsync_EvidenceSatisfiesPolicy_PushesWithSidecar()
    {
        using var s = new GateScenario();

        var result = await PushOperation.CreateDefault().ExecuteAsync(Options(s));

        Assert.AreEqual(PublishOutcome.Pushed, result.Outcome, Render(result));
        var published = Path.Combine(s.Feed, Path.GetFileName(s.Package));
        CollectionAssert.AreEqual(File.ReadAllBytes(s.Package), File.ReadAllBytes(published));
        Assert.AreEqual(File.ReadAllText(s.Sidecar), File.ReadAllText(published + ".intoto.jsonl"));
    }

    [TestMethod]
    public async Task ExecuteAsync_AttestationsDirectory_FolderFeedGetsExactlyThePassingEnvelope()
    {
        using var s = new GateScenario();
        var (directory, passing) = s.WriteEvidenceDirectory();

        var result = await PushOperation.CreateDefault().ExecuteAsync(Options(s) with { Attestations = [directory] });

        Assert.AreEqual(PublishOutcome.Pushed, result.Outcome, Render(result));
        var sidecar = Path.Combine(s.Feed, Path.GetFileName(s.Package) + ".intoto.jsonl");
        Assert.AreEqual(sidecar, result.PublishedSidecarPath);
        Assert.AreEqual(passing + "\n", File.ReadAllText(sidecar), "only the envelope that satisfied the policy, not the stale default sidecar");
    }

    [TestMethod]
    public async Task ExecuteAsync_EvidenceForAnotherDigest_RefusedWithReason()
    {
        using var s = new GateScenario();
        s.WriteEvidence(new string('a', 64));

        var result = await PushOperation.CreateDefault().ExecuteAsync(Options(s));

        AssertRefused(s, result);
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code.StartsWith("CIL31", StringComparison.Ordinal)), Render(result));
    }

    [TestMethod]
    public async Task ExecuteAsync_TamperedPackage_Refused()
    {
        using var s = new GateScenario();
        File.AppendAllText(s.Package, "tampered");

        var result = await PushOperation.CreateDefault().ExecuteAsync(Options(s));

        AssertRefused(s, result);
    }

    [TestMethod]
    public async Task ExecuteAsync_RequiredAttestationMissing_Refused()
    {
        using var s = new GateScenario();
        s.WritePolicy(DateTimeOffset.UtcNow.AddYears(1), requiredType: "https://witness.dev/attestations/command-run/v0.1");

        var result = await PushOperation.CreateDefault().ExecuteAsync(Options(s));

        AssertRefused(s, result);
    }

    [TestMethod]
    public async Task ExecuteAsync_NoSidecar_RefusedAsMissingEvidence()
    {
        using var s = new GateScenario();
        File.Delete(s.Sidecar);

        var result = await PushOperation.CreateDefault().ExecuteAsync(Options(s));

        AssertRefused(s, result);
        Assert.AreEqual(GateDiagnostics.EvidenceMissing, result.Diagnostics.Single().Code);
    }

    [TestMethod]
    public async Task ExecuteAsync_ExpiredPolicy_RefusedWithPolicyCode()
    {
        using var s = new GateScenario();
        s.WritePolicy(DateTimeOffset.UtcNow.AddDays(-1));

        var result = await PushOperation.CreateDefault().ExecuteAsync(Options(s));

        AssertRefused(s, result);
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == "CIL3004"), Render(result));
    }

    [TestMethod]
    public async Task ExecuteAsync_PolicySignedByAnotherKey_RefusedWithSignatureCode()
    {
        using var s = new GateScenario();
        s.WritePolicy(DateTimeOffset.UtcNow.AddYears(1), signWithOtherKey: true);

        var result = await PushOperation.CreateDefault().ExecuteAsync(Options(s));

        AssertRefused(s, result);
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == "CIL3003"), Render(result));
    }

    [TestMethod]
    public async Task ExecuteAsync_PolicyKeyFileMissing_FailsAsInputError()
    {
        using var s = new GateScenario();

        var result = await PushOperation.CreateDefault().ExecuteAsync(Options(s) with { PolicyKeyPaths = [s.Temp.Combine("nope.pub")] });

        Assert.AreEqual(PublishOutcome.Failed, result.Outcome, Render(result));
        Assert.AreEqual(0, s.FeedEntries().Length);
    }

    [TestMethod]
    public async Task ExecuteAsync_SigstoreTrustedRootUnreadable_FailsAsInputErrorNothingPushed()
    {
        using var s = new GateScenario();
        var root = s.Temp.Combine("trusted_root.json");
        File.WriteAllText(root, "{ not a trusted root");

        var result = await PushOperation.CreateDefault().ExecuteAsync(Options(s) with { SigstoreTrustedRoot = root });

        Assert.AreEqual(PublishOutcome.Failed, result.Outcome, Render(result));
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == "CIL6066"), Render(result));
        Assert.AreEqual(0, s.FeedEntries().Length);
    }

    [TestMethod]
    public async Task ExecuteAsync_SymbolsRequestedButAbsent_Fails()
    {
        using var s = new GateScenario();

        var result = await PushOperation.CreateDefault().ExecuteAsync(Options(s) with { IncludeSymbols = true });

        Assert.AreEqual(GateDiagnostics.SymbolsUnavailable, result.Diagnostics.Single().Code);
        Assert.AreEqual(0, s.FeedEntries().Length);
    }

    [TestMethod]
    public async Task ExecuteAsync_HttpFeedWithKeyFromEnvironment_KeyOnlyInHeader()
    {
        using var s = new GateScenario();
        using var server = new FakeNuGetServer();
        var options = Options(s) with
        {
            Source = server.PushUrl,
            AllowInsecureConnections = true,
            ApiKeyEnvironmentVariable = "MY_FEED_KEY",
            GetEnvironmentVariable = name => name == "MY_FEED_KEY" ? PlantedKey : null,
        };

        var result = await PushOperation.CreateDefault().ExecuteAsync(options);

        Assert.AreEqual(PublishOutcome.Pushed, result.Outcome, Render(result));
        var put = server.Puts.Single();
        Assert.AreEqual(PlantedKey, put.ApiKey);
        CollectionAssert.AreEqual(File.ReadAllBytes(s.Package), put.PackageBytes);
        var everything = Render(result) + string.Join('\n', server.ServerLog);
        Assert.IsFalse(everything.Contains(PlantedKey, StringComparison.OrdinalIgnoreCase));
    }

    [TestMethod]
    public async Task ExecuteAsync_DeniedOverHttp_ServerReceivesNothing()
    {
        using var s = new GateScenario();
        using var server = new FakeNuGetServer();
        s.WritePolicy(DateTimeOffset.UtcNow.AddDays(-1));

        var result = await PushOperation.CreateDefault().ExecuteAsync(Options(s) with { Source = server.PushUrl, AllowInsecureConnections = true });

        Assert.AreEqual(PublishOutcome.Refused, result.Outcome, Render(result));
        Assert.AreEqual(0, server.Requests.Count);
    }

    private static PushOptions Options(GateScenario s) =>
        new(s.Package, s.Feed, s.PolicyPath, [s.PolicyKeyPath]) { GetEnvironmentVariable = _ => null };

    private static void AssertRefused(GateScenario s, PublishResult result)
    {
        Assert.AreEqual(PublishOutcome.Refused, result.Outcome, Render(result));
        Assert.AreEqual(1, result.ExitCode);
        Assert.AreEqual(0, s.FeedEntries().Length, "the feed must stay unchanged");
    }

    private static string Render(PublishResult result) =>
        string.Join('\n', result.Diagnostics.Select(d => d.ToCanonicalString())) + "\n" + string.Join('\n', result.NuGetLog);
}
