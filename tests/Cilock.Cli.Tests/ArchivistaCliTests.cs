using System.Text.Json.Nodes;
using Cilock.Attestation.Dsse;
using Cilock.Operations.Tests.Archivista;
using Cilock.TestUtilities;

namespace Cilock.Cli.Tests;

[TestClass]
public sealed class ArchivistaCliTests
{
    [TestMethod]
    public void RunWithArchivista_UploadSearchDownload_RoundTrip()
    {
        using var server = new ArchivistaLoopbackServer();
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);
        var evidence = dir.Combine("build.json");

        var run = CliHarness.Invoke("run", "--step", "build", "-k", key, "-o", evidence, "-d", dir.Path, "-a", "environment", "--archivista", server.BaseUrl, "--", "true");

        Assert.AreEqual(0, run.ExitCode, run.Output);
        var gitoid = server.Gitoids.Single();
        StringAssert.Contains(run.StandardError, $"gitoid {gitoid}");
        var subject = (string)JsonNode.Parse(DsseEnvelope.Parse(File.ReadAllBytes(evidence)).Payload)!["subject"]![0]!["digest"]!["sha256"]!;

        var search = CliHarness.Invoke("archivista", "search", "--archivista", server.BaseUrl, "--subject", "sha256:" + subject);
        var downloaded = dir.Combine("downloaded.json");
        var download = CliHarness.Invoke("archivista", "download", "--archivista", server.BaseUrl, gitoid, "-o", downloaded);

        Assert.AreEqual(0, search.ExitCode, search.Output);
        Assert.AreEqual(gitoid, search.StandardOutput.Trim());
        Assert.AreEqual(0, download.ExitCode, download.Output);
        CollectionAssert.AreEqual(File.ReadAllBytes(evidence), File.ReadAllBytes(downloaded));
    }

    [TestMethod]
    public void RunWithArchivista_ServerDown_Exit1Cil1714AndEvidenceKept()
    {
        string url;
        using (var gone = new ArchivistaLoopbackServer())
        {
            url = gone.BaseUrl;
        }

        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);
        var evidence = dir.Combine("build.json");

        var run = CliHarness.Invoke("run", "--step", "build", "-k", key, "-o", evidence, "-d", dir.Path, "-a", "environment", "--archivista", url, "--", "true");

        Assert.AreEqual(1, run.ExitCode, run.Output);
        StringAssert.Contains(run.StandardError, "error CIL1714");
        Assert.IsTrue(File.Exists(evidence));
    }

    [TestMethod]
    public void Download_TamperedServer_Exit2Cil1713AndNoFile()
    {
        using var server = new ArchivistaLoopbackServer();
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);
        var evidence = dir.Combine("build.json");
        Assert.AreEqual(0, CliHarness.Invoke("archivista", "upload", "--archivista", server.BaseUrl, WriteEnvelope(dir, key, evidence)).ExitCode);
        server.Tamper = true;
        var output = dir.Combine("out.json");

        var download = CliHarness.Invoke("archivista", "download", "--archivista", server.BaseUrl, server.Gitoids.Single(), "-o", output);

        Assert.AreEqual(2, download.ExitCode, download.Output);
        StringAssert.Contains(download.StandardError, "CIL1713");
        Assert.IsFalse(File.Exists(output));
    }

    [TestMethod]
    public void Verify_NoEvidenceSource_Exit2()
    {
        var result = CliHarness.Invoke("verify", "--policy", "p.json", "--publickey", "k.pub", "--subject", "sha256:" + new string('a', 64));

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, "--bundle FILE or --archivista URL");
    }

    internal static string WriteEnvelope(TempDirectory dir, string key, string path)
    {
        var run = CliHarness.Invoke("run", "--step", "build", "-k", key, "-o", path, "-d", dir.Path, "-a", "environment", "--", "true");
        Assert.AreEqual(0, run.ExitCode, run.Output);
        return path;
    }
}
