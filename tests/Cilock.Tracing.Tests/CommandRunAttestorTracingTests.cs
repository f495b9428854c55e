using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Attestors.CommandRun;
using Cilock.Attestation.Context;
using Cilock.TestUtilities;

namespace Cilock.Tracing.Tests;

[TestClass]
[TestCategory("Integration")]
public sealed class CommandRunAttestorTracingTests
{
    [TestMethod]
    [DataRow(Dialect.Cilock)]
    [DataRow(Dialect.Witness)]
    public async Task AttestAsync_TracedCommandWithSecretArgument_RecordsProcessesScrubbed(Dialect dialect)
    {
        using var dir = new TempDirectory();
        const string secret = "s3cr3t-token-value-4711";
        var environment = new Dictionary<string, string>
        {
            ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
            ["GITHUB_TOKEN"] = secret,
            ["CILOCK_VISIBLE"] = "plain-value",
        };
        var attestor = new CommandRunAttestor(["sh", "-c", "cat /etc/hostname >/dev/null; exit 3", "x", secret], new TracingCommandRunner());

        await new AttestationContext(
            new AttestationContextOptions { WorkingDirectory = dir.Path, StepName = "build", Environment = environment, Dialect = dialect },
            [attestor]).RunAsync();

        var json = attestor.ToJson(dialect)!;
        var text = json.ToJsonString();
        Assert.AreEqual(3, attestor.ExitCode);
        Assert.IsFalse(text.Contains(secret, StringComparison.Ordinal), "the secret argument is masked in cmd and cmdline");
        var processes = (JsonArray)json["processes"]!;
        Assert.IsGreaterThanOrEqualTo(2, processes.Count);
        if (dialect == Dialect.Witness)
        {
            Assert.IsTrue(processes.Any(p => p!["openedfiles"]?["/etc/hostname"] is JsonObject));
            Assert.AreEqual("trace", json["summary"]!["captureMode"]!.GetValue<string>());
            var environ = processes[0]!["environ"]!.GetValue<string>();
            StringAssert.Contains(environ, "GITHUB_TOKEN=******");
            StringAssert.Contains(environ, "CILOCK_VISIBLE=plain-value");
        }
        else
        {
            Assert.AreEqual("ptrace", json["_meta"]!["traceBackend"]!.GetValue<string>());
            Assert.IsFalse(text.Contains("environ", StringComparison.Ordinal), "v0.2 drops environ");
            CollectionAssert.Contains(((JsonArray)json["paths"]!).Select(p => p!.GetValue<string>()).ToList(), "/etc/hostname");
            var roundTrip = CommandRunPredicate.FromJson(json, AttestationTypes.CommandRunCilock);
            Assert.AreEqual(processes.Count, roundTrip.Processes.Count);
        }
    }
}
