using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Hashing;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Signing;
using Cilock.Hardening.Tests.Infrastructure;
using Cilock.TestUtilities;

namespace Cilock.Hardening.Tests.Interop;

/// <summary>
/// Issue #12 §5: for the spec's inputs, our bytes equal the values worked out in ../shared/spec (read from the spec text
/// at test time). File digests and Merkle roots are taken from real <c>cilock run</c> output, not from library calls.
/// </summary>
[TestClass]
public sealed class ByteInteropTests
{
    [TestMethod]
    public void Pae_SpecWorkedVector_Sha256Equal()
    {
        var spec = SpecText.Read("dsse-and-keys.md");
        var expected = SpecText.HexAfter(spec, "SHA-256(PAE) =");

        var pae = Pae.Encode("application/vnd.in-toto+json", "{\"x\":1}"u8);

        Assert.AreEqual("DSSEv1 28 application/vnd.in-toto+json 7 {\"x\":1}", Encoding.UTF8.GetString(pae));
        Assert.AreEqual(expected, Convert.ToHexStringLower(SHA256.HashData(pae)));
        StringAssert.Contains(spec, "`https://witness.testifysec.com/policy/v0.1` is " + Encoding.UTF8.GetByteCount("https://witness.testifysec.com/policy/v0.1") + " bytes");
        StringAssert.Contains(spec, "`https://aflock.ai/policy/v0.1` is " + Encoding.UTF8.GetByteCount("https://aflock.ai/policy/v0.1"));
    }

    [TestMethod]
    [DataRow("witness-testpub.pem", "`test/testpub.pem` (Ed25519) →")]
    [DataRow("witness-testpub2.pem", "`test/testpub2.pem` (RSA-4096) →")]
    [DataRow("cilock-trivy-policy-pub.pem", "`policy-pub.pem` (P-256) →")]
    public void KeyId_SpecVectors_EqualForLfAndCrlfFiles(string file, string anchor)
    {
        var expected = SpecText.HexAfter(SpecText.Read("dsse-and-keys.md"), anchor);
        var pem = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "tests", "Cilock.Attestation.Tests", "TestKeys", file));
        using var dir = new TempDirectory();
        var lf = dir.WriteFile("lf.pem", pem.Replace("\r\n", "\n", StringComparison.Ordinal));
        var crlf = dir.WriteFile("crlf.pem", pem.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal));

        Assert.AreEqual(expected, KeyLoader.LoadVerifier(lf).KeyId);
        Assert.AreEqual(expected, KeyLoader.LoadVerifier(crlf).KeyId);
    }

    [TestMethod]
    [TestCategory("Integration")]
    public void CilockRunWitness_HelloFile_DigestSetEqualsSpecVectors()
    {
        var spec = SpecText.Read("statement-and-collection.md");
        var vectors = SpecText.Section(spec, "## 5. Digest sets");
        using var dir = new TempDirectory();
        var work = Directory.CreateDirectory(dir.Combine("work")).FullName;

        var run = CilockProcess.Run(dir.Path, null, "run", "-s", "hello", "-o", "hello.json", "-d", work, "--dialect", "witness",
            "--hashes", "sha256,sha1,gitoid:sha256,gitoid:sha1", "--", "sh", "-c", "printf 'hello\\n' > test.txt");

        Assert.AreEqual(0, run.ExitCode, run.Output);
        var products = Attestation(dir.Combine("hello.json"), "https://witness.dev/attestations/product/v0.1");
        var digest = products["test.txt"]!["digest"]!.AsObject();
        CollectionAssert.AreEquivalent(new[] { "sha256", "sha1", "gitoid:sha256", "gitoid:sha1" }, digest.Select(p => p.Key).ToArray());
        Assert.AreEqual(SpecText.HexAfter(vectors, "content `hello\\n` → sha256"), digest["sha256"]!.GetValue<string>());
        Assert.AreEqual(Convert.ToHexStringLower(SHA1.HashData("hello\n"u8)), digest["sha1"]!.GetValue<string>());
        Assert.IsTrue(Collapse(vectors).Contains("gitoid:sha1 `" + digest["gitoid:sha1"]!.GetValue<string>() + "`", StringComparison.Ordinal), digest.ToJsonString());
        Assert.IsTrue(Collapse(vectors).Contains("gitoid:sha256 `" + digest["gitoid:sha256"]!.GetValue<string>() + "`", StringComparison.Ordinal), digest.ToJsonString());

        // DigestSet JSON: the five names only, lowercase, sorted keys when written by us.
        var set = DigestSet.Create(digest.Select(p => new KeyValuePair<string, string>(p.Key, p.Value!.GetValue<string>())));
        var json = System.Text.Json.JsonSerializer.Serialize(set);
        CollectionAssert.AreEqual(digest.Select(p => p.Key).Order(StringComparer.Ordinal).ToArray(), JsonNode.Parse(json)!.AsObject().Select(p => p.Key).ToArray());
        Assert.AreEqual("CIL1030", Assert.ThrowsExactly<Cilock.Attestation.Diagnostics.CilockException>(() => DigestSet.Create([new("sha512", new string('0', 128))])).Code);
    }

    [TestMethod]
    public void DirHash_SpecVector_Equal()
    {
        var vectors = SpecText.Section(SpecText.Read("statement-and-collection.md"), "## 5. Digest sets");
        var expected = SpecText.HexAfter(vectors, "→ dirHash");
        using var dir = new TempDirectory();
        dir.WriteFile("a.txt", "A\n");
        dir.WriteFile("sub/b.txt", "B\n");

        Assert.AreEqual(expected, DirHash.ComputeAsync(dir.Path).GetAwaiter().GetResult());
    }

    [TestMethod]
    [TestCategory("Integration")]
    public void CilockRun_SpecMerkleFiles_ProductRootEqualsContentOnlyVector()
    {
        var spec = SpecText.Read("attestors.md");
        var row = SpecText.Row(spec, "content-only, files `a.txt`=B");
        var expectedRoot = SpecText.AllHex64(row[^1]).Single();
        using var dir = new TempDirectory();
        var work = Directory.CreateDirectory(dir.Combine("work")).FullName;

        var run = CilockProcess.Run(dir.Path, null, "run", "-s", "merkle", "-o", "merkle.json", "-d", work, "--",
            "sh", "-c", "mkdir lib && printf 'B\\n' > a.txt && printf 'A\\n' > lib/x.dll && printf 'C\\n' > z.txt && printf 'A\\n' > copy.txt");

        Assert.AreEqual(0, run.ExitCode, run.Output);
        var tree = Attestation(dir.Combine("merkle.json"), "https://aflock.ai/attestations/product/v0.3");
        Assert.AreEqual(expectedRoot, tree["merkleRoot"]!.GetValue<string>());
        Assert.AreEqual(3, tree["treeSize"]!.GetValue<int>());
        var leafHashes = tree["leaves"]!.AsArray().Select(l => l!["leafHash"]!.GetValue<string>()).ToList();
        CollectionAssert.AreEqual(SpecText.AllHex64(row[1]).Where((_, i) => i % 2 == 1).ToList(), leafHashes);
    }

    [TestMethod]
    [DataRow("path-bound, `a.txt`=B", MerkleConstruction.PathBound)]
    [DataRow("content-only single leaf", MerkleConstruction.ContentOnly)]
    [DataRow("path-bound single leaf", MerkleConstruction.PathBound)]
    public void MerkleRoot_SpecRows_Equal(string rowStart, MerkleConstruction construction)
    {
        var row = SpecText.Row(SpecText.Read("attestors.md"), rowStart);
        var expectedRoot = SpecText.AllHex64(row[^1]).Single();
        var a = Sha("A\n");
        var files = rowStart.StartsWith("path-bound, ", StringComparison.Ordinal)
            ? new Dictionary<string, string> { ["a.txt"] = Sha("B\n"), ["lib/x.dll"] = a, ["z.txt"] = Sha("C\n") }
            : new Dictionary<string, string> { ["a.txt"] = a };

        var leaves = MerkleTree.BuildLeaves(files, construction);

        Assert.AreEqual(expectedRoot, MerkleTree.RootOf(leaves));
        foreach (var leaf in leaves)
        {
            Assert.IsTrue(row[1].Contains(leaf.LeafHash, StringComparison.Ordinal) || row[1].Contains(leaf.LeafHash[..4] + "…" + leaf.LeafHash[^4..], StringComparison.Ordinal), $"{leaf.Path}: {leaf.LeafHash} not in the spec row");
        }
    }

    [TestMethod]
    public void MerkleRoot_Empty_EqualsSpec()
    {
        var row = SpecText.Row(SpecText.Read("attestors.md"), "empty");
        StringAssert.StartsWith(MerkleTree.RootOf([]), row[^1].Trim('`')[..8]);
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData([])), MerkleTree.RootOf([]));
    }

    internal static JsonObject Attestation(string envelopePath, string type)
    {
        var statement = JsonNode.Parse(DsseEnvelope.Parse(File.ReadAllText(envelopePath)).Payload)!;
        return statement["predicate"]!["attestations"]!.AsArray().Single(e => e!["type"]!.GetValue<string>() == type)!["attestation"]!.AsObject();
    }

    private static string Sha(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static string Collapse(string text) => text.Replace("\n", " ", StringComparison.Ordinal);
}
