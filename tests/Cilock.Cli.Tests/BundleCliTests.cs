using System.Formats.Tar;
using System.IO.Compression;
using System.Text.Json.Nodes;
using Cilock.TestUtilities;

namespace Cilock.Cli.Tests;

[TestClass]
public sealed class BundleCliTests
{
    [TestMethod]
    public void CreateThenInspect_ManifestCountsTheEnvelopes()
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);
        var evidence = ArchivistaCliTests.WriteEnvelope(dir, key, dir.Combine("build.json"));
        var bundle = dir.Combine("evidence.tar.gz");

        var create = CliHarness.Invoke("bundle", "create", "-o", bundle, "-a", evidence);
        var inspect = CliHarness.Invoke("bundle", "inspect", bundle);

        Assert.AreEqual(0, create.ExitCode, create.Output);
        StringAssert.Contains(create.StandardError, "(1 envelopes)");
        Assert.AreEqual(0, inspect.ExitCode, inspect.Output);
        var manifest = JsonNode.Parse(inspect.StandardOutput)!;
        Assert.AreEqual(1, (int)manifest["count"]!);
        Assert.AreEqual("file", (string?)manifest["source"]);
    }

    [TestMethod]
    public void Inspect_PathTraversalEntry_Exit2Cil1730()
    {
        using var dir = new TempDirectory();
        var bundle = dir.Combine("evil.tar.gz");
        using (var file = File.Create(bundle))
        using (var gzip = new GZipStream(file, CompressionLevel.Fastest))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "../../bundle.json") { DataStream = new MemoryStream("{}"u8.ToArray()) });
        }

        var result = CliHarness.Invoke("bundle", "inspect", bundle);

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, "error CIL1730");
    }

    [TestMethod]
    public void Create_NoInput_Exit2Cil1731()
    {
        using var dir = new TempDirectory();
        var result = CliHarness.Invoke("bundle", "create", "-o", dir.Combine("x.tar.gz"));

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, "error CIL1731");
    }
}
