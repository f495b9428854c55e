using System.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;
using Cilock.Hardening.Tests.Infrastructure;
using Cilock.TestUtilities;

namespace Cilock.Hardening.Tests.Concurrency;

/// <summary>
/// Issue #12 §3 with the real binary: concurrent writers to one evidence store and SIGKILL at random points of a long
/// step never leave a half-written envelope (every *.json in the store parses and verifies; AtomicFile's
/// <c>.NAME.PID.GUID.tmp</c> leftovers are not *.json, so no reader mistakes them for evidence), and the next run
/// recovers. The 20-project <c>dotnet build -m</c> sharing one store is covered by
/// Cilock.Sdk.IntegrationTests (HelloLibFlowTests, "-m with 20 projects") and not repeated here.
/// </summary>
[TestClass]
public sealed class CrashSafetyTests
{
    [TestMethod]
    [TestCategory("Integration")]
    public void TwoRuns_SameStoreAndSameFile_EveryEnvelopeCompleteAndValid()
    {
        using var dir = new TempDirectory();
        var (key, pub) = NewKey(dir);
        var store = Directory.CreateDirectory(dir.Combine("store")).FullName;
        var work = Directory.CreateDirectory(dir.Combine("work")).FullName;
        File.WriteAllText(Path.Combine(work, "in.txt"), "x\n");

        // Two pairs at once: two processes racing for the same output file, two writing siblings in the same folder.
        var runs = new[]
        {
            ("build", "store/same.json"), ("build", "store/same.json"), ("test", "store/test.json"), ("pack", "store/pack.json"),
        }.Select(r => Task.Run(() => CilockProcess.Run(dir.Path, null, "run", "-s", r.Item1, "-k", key, "-o", r.Item2, "-d", work, "--", "sh", "-c", "cat in.txt > out-$$.txt"))).ToArray();
        Task.WaitAll(runs);

        foreach (var r in runs)
        {
            Assert.AreEqual(0, r.Result.ExitCode, r.Result.Output);
        }

        AssertStoreConsistent(store, pub, expectedEnvelopes: 3);
    }

    [TestMethod]
    [TestCategory("Integration")]
    public void Run_KilledAtRandomPoints_NoHalfWrittenEnvelopeAndNextRunRecovers()
    {
        using var dir = new TempDirectory();
        var (key, pub) = NewKey(dir);
        var store = Directory.CreateDirectory(dir.Combine("store")).FullName;
        var work = Directory.CreateDirectory(dir.Combine("work")).FullName;
        // A large product set (hashing + a big signed payload) stretches the time between the command's end and the rename.
        var command = "i=0; while [ $i -lt 4000 ]; do echo $i > p$i.txt; i=$((i+1)); done";
        var args = new[] { "run", "-s", "build", "-k", key, "-o", "store/build.json", "-d", work, "--", "sh", "-c", command };

        // One complete run first: afterwards the store must always hold this envelope or a newer complete one.
        Assert.AreEqual(0, CilockProcess.Run(dir.Path, null, args).ExitCode);
        var clock = Stopwatch.StartNew();
        Assert.AreEqual(0, CilockProcess.Run(dir.Path, null, args).ExitCode);
        var full = clock.Elapsed;
        var random = new Random(12);
        var killed = 0;
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var p = CilockProcess.Start(dir.Path, null, args);
            Thread.Sleep(TimeSpan.FromMilliseconds(full.TotalMilliseconds * (0.3 + (0.7 * random.NextDouble()))));
            if (!p.HasExited)
            {
                killed++;
                Process.Start("kill", ["-KILL", p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            }

            p.WaitForExit();
            AssertStoreConsistent(store, pub, expectedEnvelopes: 1);
        }

        Assert.IsGreaterThanOrEqualTo(3, killed, "most kills must hit a running step, or this proves nothing");

        // Recovery: the next run succeeds and its envelope verifies (leftover temp files do not disturb it).
        var again = CilockProcess.Run(dir.Path, null, args);
        Assert.AreEqual(0, again.ExitCode, again.Output);
        AssertStoreConsistent(store, pub, expectedEnvelopes: 1);
        var verify = CilockProcess.Run(dir.Path, null, "verify-signature", "store/build.json", "--key", pub);
        Assert.AreEqual(0, verify.ExitCode, verify.Output);
    }

    private static (string Key, string Pub) NewKey(TempDirectory dir)
    {
        var key = dir.Combine("k.key");
        var pub = dir.Combine("k.pub");
        KeyGenerator.Write(KeyGenerator.Generate(), key, pub);
        return (key, pub);
    }

    private static void AssertStoreConsistent(string store, string pub, int expectedEnvelopes)
    {
        var verifier = KeyLoader.LoadVerifier(pub);
        var evidence = Directory.GetFiles(store, "*.json*");
        Assert.HasCount(expectedEnvelopes, evidence, string.Join(", ", Directory.GetFiles(store).Select(Path.GetFileName)));
        foreach (var file in evidence)
        {
            var envelope = DsseEnvelope.Parse(File.ReadAllText(file));
            var result = DsseVerifier.Verify(envelope, new DsseVerificationOptions { Verifiers = [verifier] });
            Assert.IsTrue(result.IsValid, $"{file}: {string.Join("; ", result.Failures)}");
        }

        foreach (var leftover in Directory.GetFiles(store).Where(f => !evidence.Contains(f)))
        {
            Assert.EndsWith(".tmp", leftover, "only AtomicFile temporaries may remain besides evidence");
            Assert.StartsWith(".", Path.GetFileName(leftover));
        }
    }
}
