using System.Text;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.Environment;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Attestors.Environment;

[TestClass]
public sealed class EnvironmentAttestorTests
{
    private const string Secret = "ghp_abcdefghijklmnopqrstuvwxyz0123456789";

    [TestMethod]
    [DataRow(Dialect.Cilock)]
    [DataRow(Dialect.Witness)]
    public async Task Collection_PlantedSecret_NeverSerialized(Dialect dialect)
    {
        using var dir = new TempDirectory();
        var env = new Dictionary<string, string> { ["MY_API_SECRET"] = Secret, ["CI"] = "true", ["NUGET_API_KEY"] = "oy2abcdef0123456789" };
        var options = new AttestationContextOptions { WorkingDirectory = dir.Path, StepName = "build", Dialect = dialect, Environment = env };
        var run = await new AttestationContext(options, [new EnvironmentAttestor()]).RunAsync();

        var json = Encoding.UTF8.GetString(CollectionBuilder.Build(run, dialect).ToJsonBytes());

        Assert.IsFalse(json.Contains(Secret, StringComparison.Ordinal), json);
        Assert.IsFalse(json.Contains("oy2abcdef", StringComparison.Ordinal), json);
        StringAssert.Contains(json, "\"MY_API_SECRET\":\"******\"");
        StringAssert.Contains(json, "\"CI\":\"true\"");
    }

    [TestMethod]
    [DataRow("my_token", Dialect.Witness, false)]
    [DataRow("my_token", Dialect.Cilock, true)]
    [DataRow("MY_TOKEN", Dialect.Witness, true)]
    [DataRow("PATH", Dialect.Cilock, true)]
    [DataRow("PATH", Dialect.Witness, false)]
    [DataRow("HOME", Dialect.Cilock, false)]
    [DataRow("VAULT_TOKEN", Dialect.Witness, true)]
    [DataRow("GITHUB_PAT", Dialect.Cilock, true)]
    public void IsSensitive_DefaultsPerDialect(string name, Dialect dialect, bool expected) =>
        Assert.AreEqual(expected, Capturer(new() { WorkingDirectory = ".", StepName = "s", Dialect = dialect }).IsSensitive(name));

    [TestMethod]
    public void Capture_FilterMode_DropsSensitive()
    {
        var capturer = Capturer(new() { WorkingDirectory = ".", StepName = "s", FilterSensitiveEnvironment = true });
        var result = capturer.Capture(new Dictionary<string, string> { ["X_SECRET"] = "v1", ["HOME"] = "/h" });
        CollectionAssert.AreEquivalent(new[] { "HOME" }, result.Keys.ToArray());
    }

    [TestMethod]
    public void Capture_AddedGlobAllowedKeyAndDisabledDefaults_Apply()
    {
        var capturer = Capturer(new()
        {
            WorkingDirectory = ".",
            StepName = "s",
            Dialect = Dialect.Witness,
            SensitiveEnvironmentKeys = ["FOO*", "EXACT"],
            AllowedSensitiveEnvironmentKeys = ["FOO_OK"],
            DisableDefaultSensitiveEnvironmentKeys = true,
        });
        var result = capturer.Capture(new Dictionary<string, string>
        {
            ["FOO_BAR"] = "1", ["FOO_OK"] = "2", ["EXACT"] = "3", ["MY_TOKEN"] = "4",
        });
        Assert.AreEqual("******", result["FOO_BAR"]);
        Assert.AreEqual("2", result["FOO_OK"]);
        Assert.AreEqual("******", result["EXACT"]);
        Assert.AreEqual("4", result["MY_TOKEN"], "defaults disabled");
    }

    [TestMethod]
    public void Capture_Allowlist_RecordsOnlyMatchingNamesStillObfuscated()
    {
        var capturer = Capturer(new() { WorkingDirectory = ".", StepName = "s", EnvironmentCaptureAllowlist = ["ci", "github_*"] });
        var result = capturer.Capture(new Dictionary<string, string> { ["CI"] = "true", ["GITHUB_TOKEN"] = "t0ken", ["HOME"] = "/h" });
        CollectionAssert.AreEquivalent(new[] { "CI", "GITHUB_TOKEN" }, result.Keys.ToArray());
        Assert.AreEqual("******", result["GITHUB_TOKEN"]);
    }

    [TestMethod]
    public void Scrub_ReplacesSensitiveValues()
    {
        var capturer = Capturer(new() { WorkingDirectory = ".", StepName = "s" });
        var values = capturer.SensitiveValues(new Dictionary<string, string> { ["API_TOKEN"] = Secret, ["SHORT_TOKEN"] = "ab" });
        Assert.AreEqual("token=******", EnvironmentCapturer.Scrub("token=" + Secret, values));
        Assert.AreEqual(1, values.Count, "values under 4 characters are not scrubbed");
    }

    [TestMethod]
    public void SensitiveValues_CilockDialect_DoesNotScrubFolderVariablesMaskedOnlyByBroadGlobs()
    {
        var capturer = Capturer(new() { WorkingDirectory = ".", StepName = "s", Dialect = Dialect.Cilock });
        var env = new Dictionary<string, string> { ["PATH"] = "/usr/bin:/bin", ["PWD"] = "/home/runner/work", ["my_api_token"] = Secret };

        var values = capturer.SensitiveValues(env);

        CollectionAssert.AreEqual(new[] { Secret }, values.ToArray());
        Assert.AreEqual("******", capturer.Capture(env)["PWD"], "the recorded environment still masks it, like cilock");
    }

    private static EnvironmentCapturer Capturer(AttestationContextOptions options) => new(options);
}
