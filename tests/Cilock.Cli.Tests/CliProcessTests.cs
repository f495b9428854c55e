using System.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.TestUtilities;

namespace Cilock.Cli.Tests;

/// <summary>The built cilock as a real process: environment, exit codes, streaming, files on disk.</summary>
[TestClass]
[TestCategory("Integration")]
[OSCondition(OperatingSystems.Linux | OperatingSystems.OSX)]
public sealed class CliProcessTests
{
    private const string Secret = "ghp_Zq8PlantedSecretValue4242abcdefXYZ";

    [TestMethod]
    public void Version_RealProcess_PrintsVersionExit0()
    {
        using var dir = new TempDirectory();

        var result = CliHarness.Exec(dir.Path, null, "--version");

        Assert.AreEqual(0, result.ExitCode, result.Output);
        StringAssert.Matches(result.StandardOutput.Trim(), new System.Text.RegularExpressions.Regex(@"^\d+\.\d+\.\d+"));
    }

    [TestMethod]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Run_NoKey_CreatesPerUserKeyOnceWithMode0600()
    {

        using var dir = new TempDirectory();
        var home = dir.Combine("home");
        var env = new Dictionary<string, string?> { ["CILOCK_HOME"] = home };

        var first = CliHarness.Exec(dir.Path, env, "run", "-s", "one", "--", "true");
        var second = CliHarness.Exec(dir.Path, env, "run", "-s", "two", "--", "true");

        Assert.AreEqual(0, first.ExitCode, first.Output);
        Assert.AreEqual(0, second.ExitCode, second.Output);
        var keyFile = Path.Combine(home, "keys", "default.key");
        StringAssert.Contains(first.StandardError, "created your signing key " + keyFile);
        Assert.IsFalse(second.StandardError.Contains("created your signing key", StringComparison.Ordinal), "the path is printed once");
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        Assert.AreEqual(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(home, "keys")));
        var pub = Path.Combine(home, "keys", "default.pub");
        foreach (var step in new[] { "one", "two" })
        {
            var check = CliHarness.Exec(dir.Path, env, "verify-signature", $"{step}.attestation.json", "--key", pub);
            Assert.AreEqual(0, check.ExitCode, check.Output);
        }
    }

    [TestMethod]
    public void Run_PlantedSecret_NeverInStdoutStderrOrEvidence()
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);
        var env = new Dictionary<string, string?> { ["MY_API_SECRET"] = Secret };
        var outfile = dir.Combine("e.json");

        var result = CliHarness.Exec(
            dir.Path,
            env,
            "run", "-s", "build", "-k", key, "-o", outfile, "--", "sh", "-c", "echo \"token=$MY_API_SECRET\"; echo \"$MY_API_SECRET\" >&2; printf %s \"$MY_API_SECRET\"");

        Assert.AreEqual(0, result.ExitCode, result.Output);
        var evidence = File.ReadAllText(outfile);
        var payload = System.Text.Encoding.UTF8.GetString(DsseEnvelope.Parse(evidence).Payload);
        foreach (var (name, text) in new[] { ("stdout", result.StandardOutput), ("stderr", result.StandardError), ("envelope", evidence), ("payload", payload) })
        {
            Assert.IsFalse(text.Contains(Secret, StringComparison.Ordinal), $"the secret leaked into {name}");
            Assert.IsFalse(text.Contains(Secret[..12], StringComparison.Ordinal), $"part of the secret leaked into {name}");
        }

        StringAssert.Contains(result.StandardOutput, "token=******", "the live output is masked, not dropped");
        StringAssert.Contains(payload, "MY_API_SECRET");
    }

    [TestMethod]
    public void Run_ExitCodeAndDefaultOutfile_PassedThroughAndNamedAfterStep()
    {
        using var dir = new TempDirectory();
        var (key, pub) = CliHarness.NewKey(dir);

        var result = CliHarness.Exec(dir.Path, null, "run", "--step", "unit tests", "-k", key, "--", "sh", "-c", "exit 3");

        Assert.AreEqual(3, result.ExitCode, result.Output);
        var outfile = dir.Combine("unit_tests.attestation.json");
        Assert.IsTrue(File.Exists(outfile), result.Output);
        Assert.AreEqual(0, CliHarness.Exec(dir.Path, null, "verify-signature", outfile, "-k", pub).ExitCode);
    }

    [TestMethod]
    public void Run_Evidence_VerifiesWithIndependentValidatorAndTamperIsRejected()
    {
        using var dir = new TempDirectory();
        var (key, pub) = CliHarness.NewKey(dir);
        var outfile = dir.Combine("e.json");
        Assert.AreEqual(0, CliHarness.Exec(dir.Path, null, "run", "-s", "build", "-k", key, "-o", outfile, "--", "sh", "-c", "echo x > out.txt").ExitCode);
        var tampered = dir.WriteFile("t.json", TestEvidence.TamperPayload(DsseEnvelope.Parse(File.ReadAllText(outfile))).ToJson());

        var ours = CliHarness.Exec(dir.Path, null, "verify-signature", tampered, "-k", pub);
        var (validExit, validOutput) = Validators.Run("verify-dsse.sh", outfile, pub);
        var (tamperedExit, _) = Validators.Run("verify-dsse.sh", tampered, pub);

        Assert.AreEqual(1, ours.ExitCode, ours.Output);
        Assert.AreEqual(0, validExit, validOutput);
        Assert.AreEqual(1, tamperedExit);
    }

    [TestMethod]
    public void Run_LongCommand_OutputIsStreamedBeforeItEnds()
    {
        using var dir = new TempDirectory();
        var (key, _) = CliHarness.NewKey(dir);
        var go = dir.Combine("go");
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dir.Path };
        foreach (var a in new[] { CliHarness.CilockDll, "run", "-s", "s", "-k", key, "-o", dir.Combine("e.json"), "--", "sh", "-c", $"echo ready; while [ ! -f '{go}' ]; do sleep 0.05; done; echo done" })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            // The command waits for 'go', which we create only after seeing its first line: this can only pass if
            // cilock forwards output while the command is still running.
            var first = process.StandardOutput.ReadLineAsync();
            Assert.IsTrue(first.Wait(TimeSpan.FromMinutes(2)), "no live output");
            Assert.AreEqual("ready", first.Result);
            File.WriteAllText(go, "");
            Assert.AreEqual("done", process.StandardOutput.ReadLine());
            Assert.IsTrue(process.WaitForExit(TimeSpan.FromMinutes(2)));
            Assert.AreEqual(0, process.ExitCode, stderr.Result);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
