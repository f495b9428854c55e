using Cilock.Attestation.Attestors;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Context;

[TestClass]
public sealed class AttestationContextTests
{
    [TestMethod]
    public async Task RunAsync_RunsPhasesInOrder()
    {
        using var dir = new TempDirectory();
        var order = new List<string>();
        IAttestor Make(string n, AttestationPhase p) => new FakeAttestor(n, p)
        {
            OnAttest = (_, _) => { lock (order) { order.Add(n); } return Task.CompletedTask; },
        };

        var context = new AttestationContext(Options(dir), [
            Make("post", AttestationPhase.PostProduct), Make("product", AttestationPhase.Product),
            Make("exec", AttestationPhase.Execute), Make("material", AttestationPhase.Material), Make("pre", AttestationPhase.PreMaterial)]);
        var run = await context.RunAsync();

        CollectionAssert.AreEqual(new[] { "pre", "material", "exec", "product", "post" }, order);
        CollectionAssert.AreEqual(order, run.Attestors.Select(a => a.Attestor.Name).ToList());
        Assert.IsTrue(run.Succeeded);
    }

    [TestMethod]
    public async Task RunAsync_SamePhase_RunsConcurrently()
    {
        using var dir = new TempDirectory();

        // Each attestor waits for the other to start: this only completes when both run at the same time.
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var second = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var a = new FakeAttestor("a", AttestationPhase.PreMaterial) { OnAttest = async (_, _) => { first.SetResult(); await second.Task.WaitAsync(guard.Token); } };
        var b = new FakeAttestor("b", AttestationPhase.PreMaterial) { OnAttest = async (_, _) => { second.SetResult(); await first.Task.WaitAsync(guard.Token); } };

        var run = await new AttestationContext(Options(dir), [a, b]).RunAsync();

        Assert.IsTrue(run.Succeeded, string.Join("; ", run.Diagnostics.Select(d => d.Message)));
    }

    [TestMethod]
    public async Task RunAsync_FailingAttestor_BecomesDiagnosticAndOthersStillRun()
    {
        using var dir = new TempDirectory();
        var coded = new FakeAttestor("coded", AttestationPhase.PreMaterial) { OnAttest = (_, _) => throw new CilockException("CIL1044", "no repo") };
        var crash = new FakeAttestor("crash", AttestationPhase.Material) { OnAttest = (_, _) => throw new InvalidOperationException("boom") };
        var fine = new FakeAttestor("fine", AttestationPhase.Product);

        var run = await new AttestationContext(Options(dir), [coded, crash, fine]).RunAsync();

        Assert.IsFalse(run.Succeeded);
        CollectionAssert.AreEquivalent(new[] { "CIL1044", "CIL1041" }, run.Diagnostics.Select(d => d.Code).ToArray());
        Assert.IsTrue(run.Attestors.Single(a => a.Attestor.Name == "fine").Succeeded);
        StringAssert.Contains(run.Diagnostics.Single(d => d.Code == "CIL1041").Message, "crash");
    }

    [TestMethod]
    public async Task RunAsync_RecordsTimesFromTimeProvider()
    {
        using var dir = new TempDirectory();
        var clock = new SteppingClock(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));
        var run = await new AttestationContext(Options(dir) with { TimeProvider = clock }, [new FakeAttestor("a", AttestationPhase.Execute)]).RunAsync();

        var a = run.Attestors.Single();
        Assert.AreEqual(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), a.StartTime);
        Assert.IsTrue(a.EndTime > a.StartTime);
    }

    [TestMethod]
    public void Constructor_UnknownHash_ThrowsCil1031()
    {
        using var dir = new TempDirectory();
        var e = Assert.ThrowsExactly<CilockException>(() => new AttestationContext(Options(dir) with { Hashes = ["sha512"] }, []));
        Assert.AreEqual("CIL1031", e.Code);
    }

    [TestMethod]
    public void Constructor_DuplicateAttestor_ThrowsCil1031()
    {
        using var dir = new TempDirectory();
        var e = Assert.ThrowsExactly<CilockException>(() => new AttestationContext(Options(dir), [
            new FakeAttestor("x", AttestationPhase.Execute), new FakeAttestor("x", AttestationPhase.Product)]));
        Assert.AreEqual("CIL1031", e.Code);
    }

    [TestMethod]
    public async Task RunAsync_InjectedEnvironment_IsWhatAttestorsSee()
    {
        using var dir = new TempDirectory();
        IReadOnlyDictionary<string, string>? seen = null;
        var probe = new FakeAttestor("probe", AttestationPhase.PreMaterial) { OnAttest = (c, _) => { seen = c.Environment; return Task.CompletedTask; } };
        await new AttestationContext(Options(dir) with { Environment = new Dictionary<string, string> { ["ONLY"] = "1" } }, [probe]).RunAsync();
        CollectionAssert.AreEquivalent(new[] { "ONLY" }, seen!.Keys.ToArray());
    }

    [TestMethod]
    public async Task RunAsync_Twice_Throws()
    {
        using var dir = new TempDirectory();
        var context = new AttestationContext(Options(dir), [new FakeAttestor("a", AttestationPhase.Execute)]);
        await context.RunAsync();
        await Assert.ThrowsExactlyAsync<InvalidOperationException>(() => context.RunAsync());
    }

    internal static AttestationContextOptions Options(TempDirectory dir) => new()
    {
        WorkingDirectory = dir.Path,
        StepName = "build",
        Environment = new Dictionary<string, string>(),
    };

    private sealed class SteppingClock(DateTimeOffset start) : TimeProvider
    {
        private long _ticks;

        public override DateTimeOffset GetUtcNow() => start.AddTicks(Interlocked.Increment(ref _ticks) - 1);
    }
}
