using System.Text;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Gate.Diagnostics;
using Cilock.Gate.Publishing;
using Cilock.Gate.Tests.Infrastructure;
using Cilock.Gate.Verification;
using Cilock.Policy.Evidence;
using Cilock.TestUtilities;

namespace Cilock.Gate.Tests.Publishing;

/// <summary>
/// What a folder feed receives beside the package when the evidence is not the package's own sidecar
/// (<c>--attestations DIR</c>): exactly the envelopes that made the verdict pass, taken from the verified copies.
/// </summary>
[TestClass]
public sealed class FolderFeedSidecarTests
{
    [TestMethod]
    public async Task PublishAsync_EvidenceDirectory_SidecarHoldsExactlyThePassedEnvelopes()
    {
        using var temp = new TempDirectory();
        var (package, feed, dir) = Layout(temp);
        var verifier = PassingWith("pack-ok", "build-ok");

        var result = await new PackagePublisher(verifier).PublishAsync(new PublishRequest(package, feed) { Evidence = [dir] });

        Assert.AreEqual(PublishOutcome.Pushed, result.Outcome, Render(result));
        Assert.AreEqual(Path.Combine(feed, "Acme.Widget.1.0.0.nupkg.intoto.jsonl"), result.PublishedSidecarPath);
        var published = DsseEnvelope.ReadJsonLines(File.ReadAllText(result.PublishedSidecarPath!));
        CollectionAssert.AreEquivalent(new[] { "pack-ok", "build-ok" }, published.Select(PayloadText).ToArray());
        Assert.IsTrue(File.ReadAllText(result.PublishedSidecarPath!).EndsWith("]}\n", StringComparison.Ordinal), "one compact envelope per line");
    }

    [TestMethod]
    public async Task PublishAsync_EvidenceDirectoryEditedAfterSnapshot_VerifiedCopyIsReadAndPublished()
    {
        using var temp = new TempDirectory();
        var (package, feed, dir) = Layout(temp);
        var verifier = PassingWith("pack-ok");
        var seen = new List<string>();
        var inner = verifier.Override!;
        var spy = new RecordingVerifier { Override = r => { seen.AddRange(Load(r.EvidencePaths).Select(e => PayloadText(e.Envelope))); return inner(r); } };
        var publisher = new PackagePublisher(spy)
        {
            // Replace the passing envelope in the original directory after the gate took its copy.
            AfterSnapshot = _ => File.WriteAllText(Path.Combine(dir, "pack.json"), Envelope("forged").ToJson()),
        };

        var result = await publisher.PublishAsync(new PublishRequest(package, feed) { Evidence = [dir] });

        Assert.AreEqual(PublishOutcome.Pushed, result.Outcome, Render(result));
        CollectionAssert.Contains(seen, "pack-ok");
        CollectionAssert.DoesNotContain(seen, "forged", "the verifier must read the private copy, not the edited original");
        var published = DsseEnvelope.ReadJsonLines(File.ReadAllText(result.PublishedSidecarPath!));
        Assert.AreEqual("pack-ok", PayloadText(published.Single()));
    }

    [TestMethod]
    public async Task PublishAsync_DirectoryAndUnverifiedDefaultSidecar_UnverifiedSidecarIsNotPublished()
    {
        using var temp = new TempDirectory();
        var (package, feed, dir) = Layout(temp);
        var defaultSidecar = temp.WriteFile("out/Acme.Widget.1.0.0.nupkg.intoto.jsonl", Envelope("unverified").ToJson() + "\n");

        var result = await new PackagePublisher(PassingWith("pack-ok"))
            .PublishAsync(new PublishRequest(package, feed) { Evidence = [dir], SidecarPath = defaultSidecar });

        Assert.AreEqual(PublishOutcome.Pushed, result.Outcome, Render(result));
        var published = File.ReadAllText(result.PublishedSidecarPath!);
        Assert.AreEqual("pack-ok", PayloadText(DsseEnvelope.ReadJsonLines(published).Single()));
    }

    [TestMethod]
    public async Task PublishAsync_VerifierReportsEnvelopeNotInEvidence_NothingPushed()
    {
        using var temp = new TempDirectory();
        var (package, feed, dir) = Layout(temp);
        var verifier = new RecordingVerifier
        {
            Override = r => PackageVerdict.Pass() with { PassedEvidence = [new VerifiedEnvelope(Path.Combine(r.EvidencePaths[0], "ghost.json"), new string('0', 64))] },
        };

        var result = await new PackagePublisher(verifier).PublishAsync(new PublishRequest(package, feed) { Evidence = [dir] });

        Assert.AreEqual(PublishOutcome.Failed, result.Outcome, Render(result));
        Assert.AreEqual(GateDiagnostics.VerificationError, result.Diagnostics[^1].Code);
        StringAssert.Contains(result.Diagnostics[^1].Message, Path.Combine(dir, "ghost.json"), "messages name the original, not the private copy");
        Assert.IsEmpty(Directory.GetFileSystemEntries(feed));
    }

    [TestMethod]
    public async Task PublishAsync_VerifierSilentAboutPassedEnvelopes_PushedWithWarningAndNoSidecar()
    {
        using var temp = new TempDirectory();
        var (package, feed, dir) = Layout(temp);

        var result = await new PackagePublisher(new RecordingVerifier(TestPackages.Sha256(package)))
            .PublishAsync(new PublishRequest(package, feed) { Evidence = [dir] });

        Assert.AreEqual(PublishOutcome.Pushed, result.Outcome, Render(result));
        Assert.IsNull(result.PublishedSidecarPath);
        Assert.IsTrue(result.Diagnostics.Any(d => d.Code == GateDiagnostics.SidecarUnknown && d.Severity == DiagnosticSeverity.Warning), Render(result));
        Assert.IsFalse(File.Exists(Path.Combine(feed, "Acme.Widget.1.0.0.nupkg.intoto.jsonl")));
    }

    [TestMethod]
    public async Task PublishAsync_OwnSidecarOnlyWithPassedEnvelopes_PublishedByteForByte()
    {
        using var temp = new TempDirectory();
        var package = TestPackages.Create(temp.Combine("out"));
        var feed = Directory.CreateDirectory(temp.Combine("feed")).FullName;
        var text = Envelope("build-ok").ToJson() + "\n" + Envelope("pack-ok").ToJson() + "\n";
        var sidecar = temp.WriteFile("out/Acme.Widget.1.0.0.nupkg.intoto.jsonl", text);

        var result = await new PackagePublisher(PassingWith("pack-ok"))
            .PublishAsync(new PublishRequest(package, feed) { Evidence = [sidecar], SidecarPath = sidecar });

        Assert.AreEqual(PublishOutcome.Pushed, result.Outcome, Render(result));
        Assert.AreEqual(text, File.ReadAllText(result.PublishedSidecarPath!), "the package's own sidecar is published as verified");
    }

    /// <summary>A package, an empty folder feed and an evidence directory with passing and failing envelopes.</summary>
    private static (string Package, string Feed, string Dir) Layout(TempDirectory temp)
    {
        var package = TestPackages.Create(temp.Combine("out"));
        var feed = Directory.CreateDirectory(temp.Combine("feed")).FullName;
        var dir = Directory.CreateDirectory(temp.Combine("evidence")).FullName;
        File.WriteAllText(Path.Combine(dir, "pack.json"), Envelope("pack-ok").ToJson());
        Directory.CreateDirectory(Path.Combine(dir, "steps"));
        File.WriteAllText(Path.Combine(dir, "steps", "all.intoto.jsonl"), $"{Envelope("rejected").ToJson()}\n{Envelope("build-ok").ToJson()}\n");
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "not evidence");
        return (package, feed, dir);
    }

    /// <summary>A verifier that passes and reports the envelopes whose payload text is one of <paramref name="payloads"/>.</summary>
    private static RecordingVerifier PassingWith(params string[] payloads) => new()
    {
        Override = r => PackageVerdict.Pass() with
        {
            PassedEvidence = [.. Load(r.EvidencePaths)
                .Where(e => payloads.Contains(PayloadText(e.Envelope)))
                .Select(e => new VerifiedEnvelope(e.Reference, e.PayloadSha256))],
        },
    };

    private static IReadOnlyList<EvidenceEnvelope> Load(IReadOnlyList<string> paths) =>
        new FileEvidenceSource(paths).Load(new List<Diagnostic>());

    private static DsseEnvelope Envelope(string payload) =>
        new(DsseEnvelope.InTotoPayloadType, Encoding.UTF8.GetBytes(payload), [new DsseSignature { KeyId = "k", Signature = [1, 2, 3] }]);

    private static string PayloadText(DsseEnvelope envelope) => Encoding.UTF8.GetString(envelope.Payload);

    private static string Render(PublishResult result) =>
        string.Join('\n', result.Diagnostics.Select(d => d.ToCanonicalString()));
}
