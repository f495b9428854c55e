using System.Text.Json.Nodes;
using Cilock.Attestation.Dsse;
using Cilock.Hardening.Tests.Infrastructure;
using Cilock.TestUtilities;

namespace Cilock.Hardening.Tests.Interop;

/// <summary>
/// Issue #12 §5: real <c>cilock run --dialect witness</c> output, with every attestor <c>run</c> offers, contains only
/// attestation types that Witness v0.10 registers (attestors.md §1, parsed from the spec) and only the five digest
/// names of statement-and-collection.md §5 — one unknown type or digest name makes Witness reject the whole envelope.
/// </summary>
[TestClass]
public sealed class WitnessProfileTests
{
    private static readonly string[] DigestNames = ["sha256", "sha1", "gitoid:sha256", "gitoid:sha1", "dirHash"];

    [TestMethod]
    public void Registry_ParsedFromSpec_HasTheCoreTypes()
    {
        var registry = WitnessRegistry.Parse(SpecText.Read("attestors.md"));

        foreach (var t in new[] { "material/v0.1", "product/v0.1", "command-run/v0.1", "environment/v0.1", "git/v0.1", "secretscan/v0.1", "github/v0.1", "jwt/v0.1", "k8smanifest/v0.2", "omnitrail/v0.1" })
        {
            Assert.Contains("https://witness.dev/attestations/" + t, registry);
        }

        Assert.Contains("https://spdx.dev/Document", registry);
        Assert.DoesNotContain("https://witness.dev/attestations/test-results/v0.1", registry);
        Assert.DoesNotContain("https://witness.dev/attestations/pipeline-definition/v0.1", registry);
    }

    [TestMethod]
    public void DigestNames_SpecTable_AreTheFive()
    {
        var section = SpecText.Section(SpecText.Read("statement-and-collection.md"), "## 5. Digest sets");
        var names = section.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).Select(l => l.Split('`')[1]).ToArray();

        CollectionAssert.AreEquivalent(DigestNames, names);
    }

    [TestMethod]
    [TestCategory("Integration")]
    public void CilockRunWitness_EveryAttestor_OnlyRegisteredTypesAndDigestNames()
    {
        var registry = WitnessRegistry.Parse(SpecText.Read("attestors.md"));
        using var dir = new TempDirectory();
        var work = Directory.CreateDirectory(dir.Combine("repo")).FullName;
        dir.WriteFile("repo/.github/workflows/ci.yml", "on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n");
        dir.WriteFile("repo/src.txt", "source\n");
        foreach (var git in new[] { "init -q", "add -A", "-c user.email=a@b -c user.name=a commit -q -m init" })
        {
            var g = ProcessRunner.Run("git", git.Split(' '), work);
            Assert.AreEqual(0, g.ExitCode, g.Output);
        }

        var run = CilockProcess.Run(dir.Path, new Dictionary<string, string?> { ["GITHUB_TOKEN"] = "not-a-real-token-value" },
            "run", "-s", "build", "-o", "w.json", "-d", work, "--dialect", "witness",
            "-a", "environment,git,material,command-run,product,pipeline-definition", "--secretscan",
            "--hashes", "sha256,sha1,gitoid:sha256,gitoid:sha1", "--", "sh", "-c", "cat src.txt > out.txt");

        Assert.AreEqual(0, run.ExitCode, run.Output);
        var statement = JsonNode.Parse(DsseEnvelope.Parse(File.ReadAllText(dir.Combine("w.json"))).Payload)!.AsObject();
        Assert.AreEqual("https://witness.testifysec.com/attestation-collection/v0.1", statement["predicateType"]!.GetValue<string>());
        var types = statement["predicate"]!["attestations"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()).ToList();
        CollectionAssert.IsSubsetOf(new[] { "environment", "git", "material", "command-run", "product", "secretscan" }
            .Select(n => $"https://witness.dev/attestations/{n}/v0.1").ToList(), types, string.Join(", ", types));
        foreach (var type in types)
        {
            Assert.Contains(type, registry, $"{type} is not registered by Witness v0.10");
        }

        Assert.IsNull(statement["predicate"]!["backrefs"], "the witness profile must not write backrefs");
        var digestKeys = new HashSet<string>(StringComparer.Ordinal);
        CollectDigestKeys(statement, inDigest: false, digestKeys);
        foreach (var subject in statement["subject"]!.AsArray())
        {
            Assert.StartsWith("https://witness.dev/attestations/", subject!["name"]!.GetValue<string>());
        }

        CollectionAssert.IsSubsetOf(digestKeys.ToList(), DigestNames, string.Join(", ", digestKeys));
        Assert.Contains("gitoid:sha256", digestKeys);
    }

    // Every key of an object that sits under a member named "digest"/"digests", and every key of the material v0.1 map's
    // values, plus any member anywhere whose name looks like a hash algorithm.
    private static void CollectDigestKeys(JsonNode? node, bool inDigest, HashSet<string> keys)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (k, v) in o)
                {
                    if (inDigest || LooksLikeAlgorithm(k))
                    {
                        keys.Add(k);
                    }

                    if (k == "attestation" && o["type"]?.GetValue<string>() == "https://witness.dev/attestations/material/v0.1" && v is JsonObject materials)
                    {
                        foreach (var (_, set) in materials)
                        {
                            CollectDigestKeys(set, inDigest: true, keys);
                        }

                        continue;
                    }

                    CollectDigestKeys(v, k is "digest" or "digests" && v is JsonObject, keys);
                }

                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    CollectDigestKeys(item, false, keys);
                }

                break;
        }
    }

    private static bool LooksLikeAlgorithm(string key) =>
        key.StartsWith("sha", StringComparison.OrdinalIgnoreCase) || key.StartsWith("gitoid", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("md5", StringComparison.OrdinalIgnoreCase) || key.StartsWith("blake", StringComparison.OrdinalIgnoreCase) || key == "dirHash";
}
