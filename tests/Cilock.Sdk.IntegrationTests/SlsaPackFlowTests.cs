using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.TestUtilities;

namespace Cilock.Sdk.IntegrationTests;

/// <summary>
/// SLSA provenance of the pack step (CilockSlsaProvenance, on by default) on the HelloLib sample: the pack
/// collection carries the slsa attestation, the standalone spec-URI statement beside the package is signed and names
/// the package's real sha256, a policy requiring the provenance passes and its Rego reads the command, and the switch
/// turns it all off.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class SlsaPackFlowTests
{
    private const string ProvenanceType = "https://slsa.dev/provenance/v1.0";
    private static string _root = "";
    private static string _packages = "";

    private static string Nupkg => Path.Combine(_packages, "HelloLib.1.0.0.nupkg");

    private static string Sidecar => Nupkg + ".intoto.jsonl";

    private static string ProvenanceStatement => Path.Combine(_packages, "HelloLib.1.0.0.provenance.intoto.json");

    [ClassInitialize]
    public static void Pack(TestContext context)
    {
        _ = context;
        _root = PackedSdk.CreateWorkspace("hellolib-slsa", Path.Combine(SharedData.RepositoryRoot, "samples", "HelloLib"));
        _packages = Path.Combine(PackedSdk.Root, "hellolib-slsa-packages");
        PackedSdk.DotnetOk(_root, "pack", "src/HelloLib/HelloLib.csproj", "-c", "Release", "-o", _packages);
    }

    [TestMethod]
    public void Pack_Collection_HoldsSlsaProvenanceOfThePackStep()
    {
        var pack = Evidence.LoadLines(Sidecar).Single(e => e.StepName == "pack");
        pack.AssertSignedBy(PackedSdk.PublicKeyPath);
        var slsa = pack.Attestation(ProvenanceType);

        var definition = slsa.GetProperty("buildDefinition");
        Assert.AreEqual("https://aflock.ai/slsa-build@v0.1", definition.GetProperty("buildType").GetString());
        var command = definition.GetProperty("externalParameters").GetProperty("command").GetString()!;
        Assert.StartsWith("pack ", command);
        Assert.Contains("HelloLib.csproj -p:Configuration=Release -p:PackageVersion=1.0.0", command);
        StringAssert.StartsWith(slsa.GetProperty("runDetails").GetProperty("builder").GetProperty("id").GetString(), "https://aflock.ai/attestation-");

        // The step's own times: packing began before it was recorded, and both are RFC 3339.
        var metadata = slsa.GetProperty("runDetails").GetProperty("metadata");
        var started = DateTimeOffset.Parse(metadata.GetProperty("startedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        var finished = DateTimeOffset.Parse(metadata.GetProperty("finishedOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.IsTrue(started < finished, $"startedOn {started:o} must precede finishedOn {finished:o} (the start is taken when packing begins)");
        Assert.IsTrue(finished - started < TimeSpan.FromMinutes(8));

        // Materials: the packed assembly (pack takes it from obj/) with the digest of the file on disk.
        var dependencies = definition.GetProperty("resolvedDependencies").EnumerateArray()
            .Where(d => d.TryGetProperty("name", out _))
            .ToDictionary(d => d.GetProperty("name").GetString()!, d => d.GetProperty("digest"), StringComparer.Ordinal);
        const string Dll = "src/HelloLib/obj/Release/net10.0/HelloLib.dll";
        Assert.IsTrue(dependencies.ContainsKey(Dll), string.Join(", ", dependencies.Keys));
        Assert.AreEqual(Evidence.Sha256(Path.Combine(_root, Dll)), dependencies[Dll].GetProperty("sha256").GetString());

        // The environment is the environment attestor's (masked) one, not a second capture.
        var env = definition.GetProperty("internalParameters").GetProperty("env");
        Assert.AreEqual(
            pack.Attestation("/environment/").GetProperty("variables").GetRawText(),
            env.GetRawText());

        // Subject file:<nupkg> under the provenance type, bound to the package's real digest.
        var subject = pack.Subjects().Single(s => s.Key.StartsWith(ProvenanceType + "/file:", StringComparison.Ordinal) && s.Key.EndsWith("HelloLib.1.0.0.nupkg", StringComparison.Ordinal));
        Assert.AreEqual(FileSha256(Nupkg), subject.Value);
    }

    [TestMethod]
    public void Export_Statement_SignedSpecProvenanceOfTheNupkg()
    {
        Assert.IsTrue(File.Exists(ProvenanceStatement), ProvenanceStatement);
        var export = Evidence.Load(ProvenanceStatement);
        export.AssertSignedBy(PackedSdk.PublicKeyPath);
        var (exit, output) = Validators.Run("verify-dsse.sh", ProvenanceStatement, PackedSdk.PublicKeyPath);
        Assert.AreEqual(0, exit, output);

        var statement = export.Statement;
        Assert.AreEqual("https://in-toto.io/Statement/v1", statement.GetProperty("_type").GetString());
        Assert.AreEqual("https://slsa.dev/provenance/v1", statement.GetProperty("predicateType").GetString());
        var subject = statement.GetProperty("subject").EnumerateArray().Single();
        Assert.AreEqual("HelloLib.1.0.0.nupkg", subject.GetProperty("name").GetString());
        Assert.AreEqual(FileSha256(Nupkg), subject.GetProperty("digest").GetProperty("sha256").GetString());

        // Same provenance as the signed collection says, in the spec's shape.
        var predicate = statement.GetProperty("predicate");
        Assert.AreEqual("https://aflock.ai/slsa-build@v0.1", predicate.GetProperty("buildDefinition").GetProperty("buildType").GetString());
        var collection = Evidence.LoadLines(Sidecar).Single(e => e.StepName == "pack").Attestation(ProvenanceType);
        Assert.AreEqual(
            collection.GetProperty("buildDefinition").GetProperty("externalParameters").GetRawText(),
            predicate.GetProperty("buildDefinition").GetProperty("externalParameters").GetRawText());
        Assert.AreEqual(collection.GetProperty("runDetails").GetRawText(), predicate.GetProperty("runDetails").GetRawText());
    }

    [TestMethod]
    public void Verify_PolicyRequiringSlsa_RegoReadsTheCommand()
    {
        using var dir = new TempDirectory("cilock-slsa-policy");
        Assert.AreEqual(0, CilockCli.Run(dir, "keygen", "-o", "pol").ExitCode);

        string Policy(string name, string requiredArgument)
        {
            var scaffold = CilockCli.Run(dir, "policy", "new", "--from", Sidecar, "-k", PackedSdk.PublicKeyPath, "-o", name + ".json");
            Assert.AreEqual(0, scaffold.ExitCode, scaffold.Output);
            var rego = $$"""
                package slsa_pack

                deny[msg] {
                  not contains(input.buildDefinition.externalParameters.command, "{{requiredArgument}}")
                  msg := sprintf("pack command %q lacks {{requiredArgument}}", [input.buildDefinition.externalParameters.command])
                }
                """;
            var policy = JsonNode.Parse(File.ReadAllText(dir.Combine(name + ".json")))!;
            var attestations = policy["steps"]!["pack"]!["attestations"]!.AsArray();
            attestations.Add(new JsonObject
            {
                ["type"] = ProvenanceType,
                ["regopolicies"] = new JsonArray(new JsonObject { ["name"] = "pack-command", ["module"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(rego)) }),
            });
            File.WriteAllText(dir.Combine(name + ".json"), policy.ToJsonString());
            var signed = CilockCli.Run(dir, "policy", "sign", name + ".json", "-k", "pol.key", "-o", name + ".signed.json");
            Assert.AreEqual(0, signed.ExitCode, signed.Output);
            return name + ".signed.json";
        }

        var passed = CilockCli.Run(dir, "verify", "-p", Policy("release", "-p:Configuration=Release"), "-k", "pol.pub", "-f", Nupkg, "-a", Sidecar);
        Assert.AreEqual(0, passed.ExitCode, passed.Output);

        var denied = CilockCli.Run(dir, "verify", "-p", Policy("debug", "-p:Configuration=Debug"), "-k", "pol.pub", "-f", Nupkg, "-a", Sidecar);
        Assert.AreEqual(1, denied.ExitCode, denied.Output);
        StringAssert.Contains(denied.Output, "lacks -p:Configuration=Debug");
    }

    [TestMethod]
    public void Pack_SwitchOff_NoProvenanceAttestationNorStatement()
    {
        var packages = Path.Combine(PackedSdk.Root, "hellolib-slsa-off-packages");
        PackedSdk.DotnetOk(_root, "pack", "src/HelloLib/HelloLib.csproj", "-c", "Release", "-o", packages, "-p:CilockSlsaProvenance=false");

        var pack = Evidence.LoadLines(Path.Combine(packages, "HelloLib.1.0.0.nupkg.intoto.jsonl")).Single(e => e.StepName == "pack");
        var types = pack.Statement.GetProperty("predicate").GetProperty("attestations").EnumerateArray().Select(a => a.GetProperty("type").GetString()).ToList();
        CollectionAssert.DoesNotContain(types, ProvenanceType);
        Assert.IsFalse(File.Exists(Path.Combine(packages, "HelloLib.1.0.0.provenance.intoto.json")));
    }

    private static string FileSha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
