using Cilock.Operations.Keyless;
using Cilock.Operations.Recording;
using Cilock.Operations.Run;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Keyless;

/// <summary>
/// A key-signed envelope replaces one an earlier keyless run wrote: the bundle left beside it described the old
/// envelope and <c>cilock verify</c> reads bundles as evidence, so it is removed (no network, no Sigstore).
/// </summary>
[TestClass]
public sealed class KeylessStaleBundleTests
{
    private static Dictionary<string, string> LaptopEnvironment() => new()
    {
        ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin",
    };

    [TestMethod]
    public async Task Run_KeySignedOverKeylessOutput_RemovesTheStaleBundle()
    {
        using var dir = new TempDirectory();
        var output = dir.Combine("evidence", "build.attestation.json");
        var stale = dir.WriteFile("evidence/build.attestation.sigstore.json", "{}");
        Directory.CreateDirectory(dir.Combine("work"));

        var result = await new RunOperation(userKeyDirectory: dir.Combine("userkey")).ExecuteAsync(new RunOptions
        {
            StepName = "build",
            Command = ["sh", "-c", "echo built > app.bin"],
            WorkingDirectory = dir.Combine("work"),
            OutputPath = output,
            Environment = LaptopEnvironment(),
            Keyless = new KeylessSigningSettings { Mode = SigningMode.Auto },
            StandardOutput = TextWriter.Null,
            StandardError = TextWriter.Null,
            Attestations = [],
        });

        Assert.IsTrue(File.Exists(result.OutputPath));
        Assert.IsFalse(File.Exists(stale), "a key-signed envelope must not keep a keyless run's bundle beside it");
    }

    [TestMethod]
    public async Task RecordStep_KeySignedOverKeylessEvidence_RemovesTheStaleBundle()
    {
        using var dir = new TempDirectory();
        var (key, _, _) = TestKeys.Create(dir);
        var product = dir.WriteFile("proj/bin/app.dll", "binary");
        var evidence = dir.Combine("proj", "obj", "cilock", "build.net10.0.intoto.json");
        var stale = dir.WriteFile("proj/obj/cilock/build.net10.0.sigstore.json", "{}");
        var unrelated = dir.WriteFile("proj/obj/cilock/pack.sigstore.json", "{}");

        var result = await StepRecordingOperation.CreateDefault().ExecuteAsync(new StepRecordingOptions
        {
            StepName = "build",
            EvidencePath = evidence,
            ProjectDirectory = dir.Combine("proj"),
            Products = [product],
            KeyPath = key,
            Environment = LaptopEnvironment(),
        }, default);

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics.Select(d => $"{d.Code}: {d.Message}")));
        Assert.IsTrue(File.Exists(evidence));
        Assert.IsFalse(File.Exists(stale), "the step's own stale bundle is removed");
        Assert.IsTrue(File.Exists(unrelated), "other steps' bundles are left alone");
    }
}
