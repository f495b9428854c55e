using Cilock.Attestation.Signing;
using Cilock.TestUtilities;

namespace Cilock.Cli.Tests.Commands;

[TestClass]
public sealed class KeygenCommandTests
{
    [TestMethod]
    [DataRow("ecdsa")]
    [DataRow("ed25519")]
    [DataRow("rsa")]
    public void Keygen_Algorithm_WritesPairAndPrintsItsKeyId(string algorithm)
    {
        using var dir = new TempDirectory();
        var prefix = dir.Combine("sub", "release");

        var result = CliHarness.Invoke("keygen", "--algorithm", algorithm, "--outfile", prefix);

        Assert.AreEqual(0, result.ExitCode, result.Output);
        var keyId = result.StandardOutput.Trim();
        Assert.AreEqual(KeyLoader.LoadVerifier(prefix + ".pub").KeyId, keyId, "the printed keyid is the public key's");
        Assert.AreEqual(keyId, KeyLoader.LoadSigner(prefix + ".key").KeyId, "the two files are one pair");
        if (!OperatingSystem.IsWindows())
        {
            Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(prefix + ".key"));
        }
    }

    [TestMethod]
    public void Keygen_ExistingFiles_RefusedUnlessForce()
    {
        using var dir = new TempDirectory();
        var prefix = dir.Combine("k");
        Assert.AreEqual(0, CliHarness.Invoke("keygen", "-o", prefix).ExitCode);
        var original = File.ReadAllText(prefix + ".key");

        var refused = CliHarness.Invoke("keygen", "-o", prefix);
        var forced = CliHarness.Invoke("keygen", "-o", prefix, "--force");

        Assert.AreEqual(2, refused.ExitCode);
        StringAssert.StartsWith(refused.StandardError, "cilock: error CIL1510: ");
        Assert.AreEqual(0, forced.ExitCode, forced.Output);
        Assert.AreNotEqual(original, File.ReadAllText(prefix + ".key"));
    }

    [TestMethod]
    public void Keygen_UnknownAlgorithm_Cil1007()
    {
        using var dir = new TempDirectory();

        var result = CliHarness.Invoke("keygen", "--algorithm", "dsa", "-o", dir.Combine("k"));

        Assert.AreEqual(2, result.ExitCode);
        StringAssert.StartsWith(result.StandardError, "cilock: error CIL1007: ");
        Assert.IsEmpty(Directory.GetFiles(dir.Path));
    }

    [TestMethod]
    public void Keygen_PrefixUnderRegularFile_CodedErrorNoFiles()
    {
        using var dir = new TempDirectory();
        var file = dir.WriteFile("plain.txt", "x");

        var result = CliHarness.Invoke("keygen", "-o", Path.Combine(file, "k"));

        Assert.AreEqual(2, result.ExitCode);
        StringAssert.StartsWith(result.StandardError, "cilock: error CIL1503: ");
        CollectionAssert.AreEqual(new[] { "plain.txt" }, CliHarness.Files(dir.Path));
    }
}
