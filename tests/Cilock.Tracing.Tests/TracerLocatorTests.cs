using System.Security.Cryptography;
using Cilock.Attestation.Diagnostics;
using Cilock.TestUtilities;

namespace Cilock.Tracing.Tests;

[TestClass]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class TracerLocatorTests
{
    [TestMethod]
    public void BundledPath_IsNextToTheTracingAssembly()
    {
        var expected = Path.Combine(Path.GetDirectoryName(typeof(TracingCommandRunner).Assembly.Location)!, "runtimes", "linux-x64", "native", "cilock-tracer");

        Assert.AreEqual(expected, TracingCommandRunner.DefaultTracerPath);
        Assert.IsTrue(File.Exists(expected), "the build copies the tracer next to the assembly");
    }

    [TestMethod]
    [DataRow("linux-x64", 62, DisplayName = "x86-64")]
    [DataRow("linux-arm64", 183, DisplayName = "AArch64 (cross-compiled when gcc-aarch64-linux-gnu is installed)")]
    public void Bundled_EveryRuntime_IsAnElfExecutableForItsMachine(string rid, int machine)
    {
        var path = Path.Combine(Path.GetDirectoryName(typeof(TracingCommandRunner).Assembly.Location)!, "runtimes", rid, "native", "cilock-tracer");
        if (!File.Exists(path))
        {
            Assert.Inconclusive($"{rid} was not built here");
        }

        var header = File.ReadAllBytes(path).AsSpan(0, 20);
        CollectionAssert.AreEqual("\u007fELF"u8.ToArray(), header[..4].ToArray());
        Assert.AreEqual(machine, BitConverter.ToUInt16(header[18..20]));
    }

    [TestMethod]
    public void Resolve_ExecutableTracer_IsUsedInPlace()
    {
        using var cache = new TempDirectory();

        Assert.AreEqual(TracingCommandRunner.DefaultTracerPath, TracerLocator.Resolve(null, cache.Path));
        Assert.IsEmpty(Directory.GetFileSystemEntries(cache.Path));
    }

    [TestMethod]
    public void Resolve_ExecBitLost_CopiesToCacheWithModeAndSameContent()
    {
        using var dir = new TempDirectory();
        var extracted = dir.Combine("package", "cilock-tracer");
        Directory.CreateDirectory(Path.GetDirectoryName(extracted)!);
        File.Copy(TracingCommandRunner.DefaultTracerPath, extracted);
        File.SetUnixFileMode(extracted, UnixFileMode.UserRead | UnixFileMode.UserWrite);

        var resolved = TracerLocator.Resolve(extracted, dir.Combine("cache"));

        Assert.AreNotEqual(extracted, resolved);
        StringAssert.StartsWith(resolved, dir.Combine("cache"));
        Assert.IsTrue(NativeMethods.IsExecutable(resolved));
        CollectionAssert.AreEqual(SHA256.HashData(File.ReadAllBytes(extracted)), SHA256.HashData(File.ReadAllBytes(resolved)));
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(extracted), "the package folder is never modified");
        var run = ProcessRunner.Run(resolved, ["--out", dir.Combine("records"), "--", "/bin/true"]);
        Assert.AreEqual(0, run.ExitCode, run.Output);
    }

    [TestMethod]
    public void Resolve_ConcurrentFirstUse_AllGetTheSameIntactCopy()
    {
        using var dir = new TempDirectory();
        var extracted = dir.Combine("cilock-tracer");
        File.Copy(TracingCommandRunner.DefaultTracerPath, extracted);
        File.SetUnixFileMode(extracted, UnixFileMode.UserRead);
        var cache = dir.Combine("cache");

        var results = new string[16];
        Parallel.For(0, results.Length, i => results[i] = TracerLocator.Resolve(extracted, cache));

        Assert.AreEqual(1, results.Distinct().Count());
        Assert.AreEqual(1, Directory.GetFiles(Path.GetDirectoryName(results[0])!).Length, "no temporary file is left behind");
    }

    [TestMethod]
    public void Resolve_CachedCopyTampered_IsReplaced()
    {
        using var dir = new TempDirectory();
        var extracted = dir.Combine("cilock-tracer");
        File.Copy(TracingCommandRunner.DefaultTracerPath, extracted);
        File.SetUnixFileMode(extracted, UnixFileMode.UserRead);
        var cache = dir.Combine("cache");
        var first = TracerLocator.Resolve(extracted, cache);
        File.SetUnixFileMode(first, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.WriteAllText(first, "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(first, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        var second = TracerLocator.Resolve(extracted, cache);

        Assert.AreEqual(first, second);
        CollectionAssert.AreEqual(File.ReadAllBytes(extracted), File.ReadAllBytes(second));
    }

    [TestMethod]
    public void Resolve_Missing_IsCil5002()
    {
        using var dir = new TempDirectory();
        var e = Assert.ThrowsExactly<CilockException>(() => TracerLocator.Resolve(dir.Combine("absent"), dir.Path));
        Assert.AreEqual(TracingDiagnostics.TracerMissing, e.Code);
    }
}
