using System.Security.Cryptography;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;
using Cilock.TestUtilities;

namespace Cilock.Cli.Tests.Commands;

[TestClass]
[OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
public sealed class RunCommandTests
{
    [TestMethod]
    [DataRow(0)]
    [DataRow(3)]
    [DataRow(1)]
    public void Run_WrappedCommandExitCode_IsPassedThroughAndEvidenceWritten(int code)
    {
        using var dir = new TempDirectory();
        var (key, pub) = CliHarness.NewKey(dir);
        var work = Directory.CreateDirectory(dir.Combine("work")).FullName;
        var outfile = dir.Combine("out", "build.json");

        var result = CliHarness.Invoke("run", "-s", "build", "-k", key, "-o", outfile, "-d", work, "--", "sh", "-c", $"echo made > product.txt; exit {code}");

        Assert.AreEqual(code, result.ExitCode, result.Output);
        Assert.IsTrue(File.Exists(outfile), "evidence is written for failing commands too");
        var envelope = DsseEnvelope.Parse(File.ReadAllText(outfile));
        Assert.AreEqual(DsseEnvelope.InTotoPayloadType, envelope.PayloadType);
        Assert.IsTrue(DsseVerifier.Verify(envelope, new() { Verifiers = [KeyLoader.LoadVerifier(pub)] }).IsValid);
        var doc = CollectionReader.Read(envelope.Payload);
        Assert.AreEqual("build", doc.Collection.Name);
        var commandRun = doc.Collection.Entries.Single(e => e.Type.Contains("command-run", StringComparison.Ordinal));
        Assert.AreEqual(code, commandRun.Attestation!["exitcode"]?.GetValue<int>() ?? 0, "exitcode (omitted when 0)");
        Assert.IsTrue(doc.Statement.Subjects.Any(s => s.Name.EndsWith("tree:products", StringComparison.Ordinal)), "product.txt is recorded as a product");
    }

    [TestMethod]
    public void Run_CommandOutput_IsStreamedToStdoutAndStderr()
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);

        var result = CliHarness.Invoke("run", "-s", "s", "-k", key, "-o", dir.Combine("e.json"), "-d", dir.Path, "--", "sh", "-c", "echo to-out; echo to-err >&2");

        Assert.AreEqual(0, result.ExitCode, result.Output);
        Assert.AreEqual("to-out\n", result.StandardOutput, "stdout carries only the wrapped command's output");
        StringAssert.StartsWith(result.StandardError, "to-err\n");
        StringAssert.Contains(result.StandardError, "cilock: wrote ");
    }

    [TestMethod]
    public void Run_WitnessDialect_WritesWitnessCollectionType()
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);
        var outfile = dir.Combine("w.json");

        var result = CliHarness.Invoke("run", "-s", "s", "-k", key, "-o", outfile, "-d", dir.Path, "--dialect", "witness", "-a", "environment", "--", "true");

        Assert.AreEqual(0, result.ExitCode, result.Output);
        var statement = CollectionReader.ReadStatement(DsseEnvelope.Parse(File.ReadAllText(outfile)).Payload);
        Assert.AreEqual(AttestationTypes.CollectionWitness, statement.PredicateType);
    }

    [TestMethod]
    public void Run_HashesAndMaterialExclude_ShapeTheMaterials()
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);
        var work = dir.Combine("work");
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(work).FullName, "a.txt"), "a\n");
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(Path.Combine(work, "obj")).FullName, "x.txt"), "o\n");
        var outfile = dir.Combine("m.json");

        var result = CliHarness.Invoke("run", "-s", "m", "-k", key, "-o", outfile, "-d", work, "--dialect", "witness", "-a", "environment", "--hashes", "sha256,sha1", "--material-exclude", "obj/**", "--", "true");

        Assert.AreEqual(0, result.ExitCode, result.Output);
        var material = CollectionReader.Read(DsseEnvelope.Parse(File.ReadAllText(outfile)).Payload).Collection.Entries
            .Single(e => e.Type == AttestationTypes.MaterialWitness).Attestation!.AsObject();
        CollectionAssert.AreEqual(new[] { "a.txt" }, material.Select(p => p.Key).ToArray(), "obj/** is excluded");
        Assert.AreEqual("3f786850e387550fdab836ed7e6dc881de23001b", material["a.txt"]!["sha1"]!.GetValue<string>());
        Assert.AreEqual("87428fc522803d31065e7bce3cf03fe475096631e5e07bbd7a0fde60c4cf25c7", material["a.txt"]!["sha256"]!.GetValue<string>());
    }

    [TestMethod]
    public void Run_CommandDoesNotExist_Cil1040AndNothingWritten()
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);
        var before = CliHarness.Files(dir.Path);

        var result = CliHarness.Invoke("run", "-s", "s", "-k", key, "-o", dir.Combine("e.json"), "-d", dir.Path, "--", "no-such-program-cilock-test");

        Assert.AreEqual(2, result.ExitCode);
        StringAssert.StartsWith(result.StandardError, "cilock: error CIL1040: ");
        CollectionAssert.AreEqual(before, CliHarness.Files(dir.Path));
    }

    [TestMethod]
    public void Run_NoCommandAfterDoubleDash_Cil1500()
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);

        var result = CliHarness.Invoke("run", "-s", "s", "-k", key, "-o", dir.Combine("e.json"), "--");

        Assert.AreEqual(2, result.ExitCode);
        StringAssert.StartsWith(result.StandardError, "cilock: error CIL1500: ");
        Assert.IsFalse(File.Exists(dir.Combine("e.json")));
    }

    [TestMethod]
    [DataRow("missing", "CIL1001")]
    [DataRow("directory", "CIL1003")]
    [DataRow("garbage", "CIL1004")]
    [DataRow("public", "CIL1007")]
    public void Run_BadKey_CodedErrorCommandNotRunNothingWritten(string kind, string code)
    {
        using var dir = new TempDirectory();
        var (_, pub) = CliHarness.NewKey(dir);
        var key = kind switch
        {
            "missing" => dir.Combine("nope.key"),
            "directory" => Directory.CreateDirectory(dir.Combine("keydir")).FullName,
            "garbage" => dir.WriteFile("garbage.key", "-----BEGIN PRIVATE KEY-----\nnot base64 at all!\n-----END PRIVATE KEY-----\n"),
            _ => pub,
        };
        var before = CliHarness.Files(dir.Path);

        var result = CliHarness.Invoke("run", "-s", "s", "-k", key, "-o", dir.Combine("e.json"), "-d", dir.Path, "--", "sh", "-c", "touch ran");

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.StartsWith(result.StandardError, $"cilock: error {code}: ");
        CollectionAssert.AreEqual(before, CliHarness.Files(dir.Path), "the command must not run and no file may appear");
    }

    [TestMethod]
    [DataRow("wrong-Passw0rd-value", "CIL1006", DisplayName = "wrong password")]
    [DataRow(null, "CIL1005", DisplayName = "password variable unset")]
    public void Run_EncryptedKeyBadPassword_CodedErrorWithoutPassword(string? password, string code)
    {
        using var dir = new TempDirectory();
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var keyPath = WriteEncryptedKey(dir, ec);

        var result = WithPasswordVariable(password, variable =>
            CliHarness.Invoke("run", "-s", "s", "-k", keyPath, "--key-password-env", variable, "-o", dir.Combine("e.json"), "-d", dir.Path, "--", "true"));

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.StartsWith(result.StandardError, $"cilock: error {code}: ");
        Assert.IsFalse(result.Output.Contains("Passw0rd", StringComparison.Ordinal), "no password in any output");
        Assert.IsFalse(File.Exists(dir.Combine("e.json")));
    }

    [TestMethod]
    public void Run_EncryptedKeyRightPassword_Signs()
    {
        using var dir = new TempDirectory();
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var keyPath = WriteEncryptedKey(dir, ec);

        var result = WithPasswordVariable(EncryptedKeyPassword, variable =>
            CliHarness.Invoke("run", "-s", "s", "-k", keyPath, "--key-password-env", variable, "-o", dir.Combine("e.json"), "-d", dir.Path, "--", "true"));

        Assert.AreEqual(0, result.ExitCode, result.Output);
        var envelope = DsseEnvelope.Parse(File.ReadAllText(dir.Combine("e.json")));
        Assert.AreEqual(KeyId.Compute(ec.ExportSubjectPublicKeyInfo()), envelope.Signatures[0].KeyId);
    }

    [TestMethod]
    [DataRow("under-file", DisplayName = "output folder is a regular file")]
    [DataRow("proc", DisplayName = "output under /proc")]
    [DataRow("directory", DisplayName = "output is a directory")]
    public void Run_UnwritableOutput_Cil1503BeforeTheCommandRuns(string kind)
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);
        var outfile = kind switch
        {
            "under-file" => Path.Combine(dir.WriteFile("regular.txt", "x"), "e.json"),
            "proc" => "/proc/cilock-test-" + Guid.NewGuid().ToString("N") + "/e.json",
            _ => Directory.CreateDirectory(dir.Combine("outdir")).FullName,
        };
        var work = Directory.CreateDirectory(dir.Combine("work")).FullName;

        var result = CliHarness.Invoke("run", "-s", "s", "-k", key, "-o", outfile, "-d", work, "--", "sh", "-c", "touch ran");

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.StartsWith(result.StandardError, "cilock: error CIL1503: ");
        Assert.IsFalse(File.Exists(Path.Combine(work, "ran")), "the command must not run when the evidence cannot be written");
        Assert.IsEmpty(Directory.GetFiles(dir.Path, "*.tmp", SearchOption.AllDirectories));
    }

    [TestMethod]
    public void Run_ExplicitGitOutsideRepository_Cil1502AndNoEvidence()
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);
        var work = Directory.CreateDirectory(dir.Combine("not-a-repo")).FullName;

        var result = CliHarness.Invoke("run", "-s", "s", "-k", key, "-o", dir.Combine("e.json"), "-d", work, "-a", "git", "--", "true");

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.Contains(result.StandardError, "cilock: error CIL1502: ");
        StringAssert.Contains(result.StandardError, "git");
        Assert.IsFalse(File.Exists(dir.Combine("e.json")));
    }

    [TestMethod]
    public void Run_UnknownAttestor_Cil1036()
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);

        var result = CliHarness.Invoke("run", "-s", "s", "-k", key, "-o", dir.Combine("e.json"), "-d", dir.Path, "-a", "environment,nonsense", "--", "true");

        Assert.AreEqual(2, result.ExitCode, result.Output);
        StringAssert.StartsWith(result.StandardError, "cilock: error CIL1036: ");
        Assert.IsFalse(File.Exists(dir.Combine("e.json")));
    }

    [TestMethod]
    public void Run_AttestationsEnvironmentOnly_RecordsItPlusAlwaysOnAttestors()
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);
        var outfile = dir.Combine("e.json");

        var result = CliHarness.Invoke("run", "-s", "s", "-k", key, "-o", outfile, "-d", dir.Path, "-a", "environment", "--", "true");

        Assert.AreEqual(0, result.ExitCode, result.Output);
        var types = CollectionReader.Read(DsseEnvelope.Parse(File.ReadAllText(outfile)).Payload).Collection.Entries.Select(e => e.Type).ToList();
        Assert.HasCount(4, types, string.Join(", ", types));
        Assert.IsTrue(types.Any(t => t.Contains("/environment/", StringComparison.Ordinal)));
        Assert.IsFalse(types.Any(t => t.Contains("/git/", StringComparison.Ordinal)));
    }

    private const string EncryptedKeyPassword = "right-Passw0rd";

    private static string WriteEncryptedKey(TempDirectory dir, ECDsa ec) =>
        dir.WriteFile("enc.key", ec.ExportEncryptedPkcs8PrivateKeyPem(EncryptedKeyPassword, new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000)));

    /// <summary>Runs <paramref name="body"/> with a uniquely named variable (tests run in parallel) set to <paramref name="value"/>.</summary>
    private static T WithPasswordVariable<T>(string? value, Func<string, T> body)
    {
        var variable = "CILOCK_TEST_PW_" + Guid.NewGuid().ToString("N");
        Environment.SetEnvironmentVariable(variable, value);
        try
        {
            return body(variable);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, null);
        }
    }
}
