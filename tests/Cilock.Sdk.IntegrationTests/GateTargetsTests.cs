using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;

namespace Cilock.Sdk.IntegrationTests;

/// <summary>
/// Cilock.Gate.targets in a real `dotnet pack`: verify after pack (a policy the evidence cannot satisfy fails the pack
/// with the reasons), push after a passing verification, `-t:CilockPush` without repacking, and the
/// CilockRequirePolicy guard. Owned by the gate area.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class GateTargetsTests
{
    private const string PackType = "https://aflock.ai/attestations/product/v0.3";
    private const string CommandRunType = "https://aflock.ai/attestations/command-run/v0.2";

    private static string _root = "";
    private static string _policyKeyPub = "";
    private static GeneratedKey _policyKey = null!;

    [ClassInitialize]
    public static void CreateProject(TestContext context)
    {
        _ = context;
        _root = PackedSdk.CreateWorkspace("gate");
        ConsumptionFormTests.WriteLibrary(_root, "GateLib", "<Project Sdk=\"Microsoft.NET.Sdk\">\n  <Sdk Name=\"Cilock.Sdk\" />");
        _policyKey = KeyGenerator.Generate();
        _policyKeyPub = Path.Combine(_root, "policy-key.pub");
        File.WriteAllText(_policyKeyPub, _policyKey.PublicKeyPem);
        PackedSdk.DotnetOk(_root, "restore", "GateLib/GateLib.csproj");
    }

    [TestMethod]
    public void Pack_PolicyRequiresMissingTestStep_FailsWithReasons()
    {
        var policy = WritePolicy("needs-test.json", ("pack", PackType), ("test", CommandRunType));

        var result = Pack("out-denied", $"-p:CilockPolicy={policy}", $"-p:CilockPolicyKey={_policyKeyPub}");

        Assert.AreNotEqual(0, result.ExitCode, result.Output);
        StringAssert.Contains(result.Output, "error CIL3801");
        StringAssert.Contains(result.Output, "test");
        Assert.IsFalse(result.Output.Contains("   at ", StringComparison.Ordinal), "no stack trace");
    }

    [TestMethod]
    public void Pack_PolicySatisfiedWithPush_PushesToFolderFeedThenTargetPushesAgainWithoutRepack()
    {
        var policy = WritePolicy("pack-only.json", ("pack", PackType));
        var feed = Directory.CreateDirectory(Path.Combine(_root, "feed-after-pack")).FullName;
        var output = Path.Combine(_root, "out-push");

        var result = Pack("out-push", $"-p:CilockPolicy={policy}", $"-p:CilockPolicyKey={_policyKeyPub}", "-p:CilockPush=true", $"-p:CilockPushSource={feed}");

        Assert.AreEqual(0, result.ExitCode, result.Output);
        var pushed = Path.Combine(feed, "GateLib.1.0.0.nupkg");
        CollectionAssert.AreEqual(File.ReadAllBytes(Path.Combine(output, "GateLib.1.0.0.nupkg")), File.ReadAllBytes(pushed));
        Assert.IsTrue(File.Exists(pushed + ".intoto.jsonl"));

        var second = Directory.CreateDirectory(Path.Combine(_root, "feed-target")).FullName;
        var target = PackedSdk.Dotnet(_root, null, "msbuild", "GateLib/GateLib.csproj", "-t:CilockPush", "-p:Configuration=Release",
            $"-p:PackageOutputPath={output}/", $"-p:CilockPolicy={policy}", $"-p:CilockPolicyKey={_policyKeyPub}", $"-p:CilockPushSource={second}");
        Assert.AreEqual(0, target.ExitCode, target.Output);
        Assert.IsTrue(File.Exists(Path.Combine(second, "GateLib.1.0.0.nupkg")), target.Output);
    }

    [TestMethod]
    public void Pack_RequirePolicyWithoutPolicy_FailsWithCodeBeforeWritingPackage()
    {
        var result = Pack("out-guard", "-p:CilockRequirePolicy=true");

        Assert.AreNotEqual(0, result.ExitCode, result.Output);
        StringAssert.Contains(result.Output, "error CIL3815");
        Assert.IsFalse(File.Exists(Path.Combine(_root, "out-guard", "GateLib.1.0.0.nupkg")));
    }

    private static Cilock.TestUtilities.ProcessResult Pack(string output, params string[] properties) =>
        PackedSdk.Dotnet(_root, null, ["pack", "GateLib/GateLib.csproj", "--no-restore", "-c", "Release", "-o", Path.Combine(_root, output), .. properties]);

    /// <summary>A policy whose steps must be signed by the SDK tests' evidence key, signed with the policy key.</summary>
    private static string WritePolicy(string name, params (string Step, string Type)[] steps)
    {
        var evidencePem = File.ReadAllText(PackedSdk.PublicKeyPath);
        var evidenceKeyId = KeyLoader.LoadVerifier(PackedSdk.PublicKeyPath).KeyId;
        var stepsJson = new JsonObject();
        foreach (var (step, type) in steps)
        {
            stepsJson[step] = new JsonObject
            {
                ["name"] = step,
                ["functionaries"] = new JsonArray(new JsonObject { ["type"] = "publickey", ["publickeyid"] = evidenceKeyId }),
                ["attestations"] = new JsonArray(new JsonObject { ["type"] = type }),
            };
        }

        var policy = new JsonObject
        {
            ["expires"] = DateTimeOffset.UtcNow.AddYears(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            ["publickeys"] = new JsonObject
            {
                [evidenceKeyId] = new JsonObject { ["keyid"] = evidenceKeyId, ["key"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(evidencePem)) },
            },
            ["steps"] = stepsJson,
        };
        var envelope = DsseSigner.Sign(
            "https://witness.testifysec.com/policy/v0.1",
            Encoding.UTF8.GetBytes(policy.ToJsonString()),
            [KeyLoader.LoadSignerFromPem(_policyKey.PrivateKeyPem, default)]);
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, envelope.ToJson());
        return path;
    }
}
