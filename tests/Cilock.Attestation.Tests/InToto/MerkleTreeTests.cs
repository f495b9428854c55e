using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Tests.InToto;

[TestClass]
public sealed class MerkleTreeTests
{
    // Spec attestors.md §2.3: A\n, B\n, C\n.
    private const string A = "06f961b802bc46ee168555f066d28f4f0e9afdf3f88174c1ee6f9de004fc30a0";
    private const string B = "c0cde77fa8fef97d476c10aad3d2d54fcc2f336140d073651c2dcccf1e379fd6";
    private const string C = "12f37a8a84034d3e623d726fe10e5031f4df997ac13f4d5571b5a90c41fb84fe";

    [TestMethod]
    public void BuildLeaves_ContentOnly_SortsByDigestAndCollapsesDuplicates()
    {
        var leaves = MerkleTree.BuildLeaves(Files(("a.txt", B), ("lib/x.dll", A), ("z.txt", C), ("copy.txt", A)));

        CollectionAssert.AreEqual(new[] { "copy.txt", "z.txt", "a.txt" }, leaves.Select(l => l.Path).ToArray());
        CollectionAssert.AreEqual(
            new[]
            {
                "b1b6445836b29fd2ebcadc96ff24c2fddb280ec1f460aea4bdb8dff9f3025dc0",
                "62f447285a5cdd0337224ad8da9d246900b3baf36e3cf41db4d1ad4c94b061d3",
                "d16d669b4790f4a64986c82469390241324eb9db709e797ed27bd75f17c0fa2b",
            },
            leaves.Select(l => l.LeafHash).ToArray());
        Assert.AreEqual("9d013296ed288bb242a222326864bc14a138eae148940e52ebe4b1a039f46363", MerkleTree.RootOf(leaves));
    }

    [TestMethod]
    public void BuildLeaves_PathBound_SortsByPathWithSpecLeafHashesAndRoot()
    {
        var leaves = MerkleTree.BuildLeaves(Files(("z.txt", C), ("a.txt", B), ("lib/x.dll", A)), MerkleConstruction.PathBound);

        CollectionAssert.AreEqual(new[] { "a.txt", "lib/x.dll", "z.txt" }, leaves.Select(l => l.Path).ToArray());
        CollectionAssert.AreEqual(
            new[]
            {
                "db45111377a743c955f551e27c5f11e72558b33a98753f828bd9e86c33ae544e",
                "8f6a006f2fc3a46cbfade9d9e0e2d5fe8dba1910d402af3daca4c365224d6006",
                "4608364473cf260fbd8970835064b81d73be0e4716020ae5b4dc0e39061b5b5d",
            },
            leaves.Select(l => l.LeafHash).ToArray());
        Assert.AreEqual("4f29cb9e9a070f2ad69ac62daa65ee8b7bc7ef7e4b8f7177ebc1127c8b842f58", MerkleTree.RootOf(leaves));
    }

    [TestMethod]
    public void ComputeRoot_TwoPathBoundLeaves_IsTheSpecInnerNode()
    {
        var leaves = MerkleTree.BuildLeaves(Files(("a.txt", B), ("lib/x.dll", A)), MerkleConstruction.PathBound);
        Assert.AreEqual("7ed2c21a18132de14092e4f83f551e476453ff1b20f1c54f0695369fab4dd911", MerkleTree.RootOf(leaves));
    }

    [TestMethod]
    [DataRow("any/path.bin", MerkleConstruction.ContentOnly, "b1b6445836b29fd2ebcadc96ff24c2fddb280ec1f460aea4bdb8dff9f3025dc0", "83556950ab58b6c4695eefdd2aff5605a8092906b4d8d2b2efc5f648274b8863")]
    [DataRow("a.txt", MerkleConstruction.PathBound, "485384f806842afdcf6abcd22ffa3a895accdcedb2b5ecf21de1d57c886eeb9a", "b52d820a241c0f726d1c667284004fde336eee6d85184f72a613dc4e25409ca2")]
    public void BuildLeaves_SingleLeaf_MatchesSpec(string path, MerkleConstruction construction, string leafHash, string root)
    {
        var leaves = MerkleTree.BuildLeaves(Files((path, A)), construction);
        Assert.AreEqual(leafHash, leaves.Single().LeafHash);
        Assert.AreEqual(root, MerkleTree.RootOf(leaves));
    }

    [TestMethod]
    public void Create_Empty_HasEmptyRootAndSizeZero()
    {
        var tree = MerkleTreePredicate.Create([]);
        Assert.AreEqual(MerkleTree.EmptyRoot, tree.MerkleRoot);
        Assert.AreEqual(0, tree.TreeSize);
        Assert.IsTrue(MerkleTree.Verify(tree).IsValid);
    }

    [TestMethod]
    [DataRow(MerkleConstruction.ContentOnly)]
    [DataRow(MerkleConstruction.PathBound)]
    public void Verify_EitherConstruction_IsDetectedAndAccepted(MerkleConstruction construction)
    {
        var tree = Tree(construction, ("a.txt", B), ("lib/x.dll", A), ("z.txt", C));
        var result = MerkleTree.Verify(tree);
        Assert.IsTrue(result.IsValid, result.Reason);
        Assert.AreEqual(construction, result.Construction);
    }

    [TestMethod]
    public void Verify_RequiredContentOnly_RejectsPathBound()
    {
        var tree = Tree(MerkleConstruction.PathBound, ("a.txt", B), ("z.txt", C));
        Assert.IsFalse(MerkleTree.Verify(tree, MerkleConstruction.ContentOnly).IsValid);
    }

    [TestMethod]
    public void Verify_TamperedDigest_Fails()
    {
        var tree = Tree(MerkleConstruction.ContentOnly, ("a.txt", B), ("z.txt", C));
        var tampered = tree with { Leaves = [.. tree.Leaves!.Select(l => l.Path == "a.txt" ? l with { FileDigest = A } : l)] };
        var result = MerkleTree.Verify(tampered);
        Assert.IsFalse(result.IsValid);
        StringAssert.Contains(result.Reason, "does not match");
    }

    [TestMethod]
    public void EnsureValid_Invalid_ThrowsCil1035()
    {
        var tree = Tree(MerkleConstruction.ContentOnly, ("a.txt", B));
        var e = Assert.ThrowsExactly<Cilock.Attestation.Diagnostics.CilockException>(() => MerkleTree.Verify(tree with { MerkleRoot = MerkleTree.EmptyRoot }).EnsureValid("material"));
        Assert.AreEqual("CIL1035", e.Code);
    }

    [TestMethod]
    public void Verify_TreeSizeMismatch_Fails()
    {
        var tree = Tree(MerkleConstruction.ContentOnly, ("a.txt", B));
        Assert.IsFalse(MerkleTree.Verify(tree with { TreeSize = 2 }).IsValid);
    }

    [TestMethod]
    public void Verify_DuplicatePath_Fails()
    {
        var tree = Tree(MerkleConstruction.PathBound, ("a.txt", B), ("b.txt", C));
        var duplicated = tree with { Leaves = [tree.Leaves![0], tree.Leaves[0] with { FileDigest = C }] };
        var result = MerkleTree.Verify(duplicated);
        Assert.IsFalse(result.IsValid);
        StringAssert.Contains(result.Reason, "duplicate");
    }

    [TestMethod]
    public void Verify_LeafLess_PassesButIsFlagged()
    {
        var result = MerkleTree.Verify(new MerkleTreePredicate(MerkleTree.EmptyRoot, 5, "sha256", "RFC6962", null));
        Assert.IsTrue(result.IsValid);
        Assert.IsTrue(result.IsLeafLess);
    }

    [TestMethod]
    public void BuildLeaves_DuplicatePath_Throws() =>
        Assert.ThrowsExactly<ArgumentException>(() => MerkleTree.BuildLeaves(Files(("a", A), ("a", B))));

    [TestMethod]
    public void ComputeRoot_SevenLeaves_EqualsRecursiveRfc6962Definition()
    {
        var inputs = Enumerable.Range(0, 7).Select(i => System.Security.Cryptography.SHA256.HashData([(byte)i])).ToList();
        CollectionAssert.AreEqual(Mth(inputs), MerkleTree.ComputeRoot(inputs));
    }

    private static byte[] Mth(List<byte[]> d)
    {
        if (d.Count == 1)
        {
            return System.Security.Cryptography.SHA256.HashData([0, .. d[0]]);
        }

        var k = 1;
        while (k * 2 < d.Count)
        {
            k *= 2;
        }

        return System.Security.Cryptography.SHA256.HashData([1, .. Mth(d[..k]), .. Mth(d[k..])]);
    }

    private static MerkleTreePredicate Tree(MerkleConstruction construction, params (string Path, string Digest)[] files)
    {
        var leaves = MerkleTree.BuildLeaves(Files(files), construction);
        return new MerkleTreePredicate(MerkleTree.RootOf(leaves), leaves.Count, "sha256", "RFC6962", leaves);
    }

    private static IEnumerable<KeyValuePair<string, string>> Files(params (string Path, string Digest)[] files) =>
        files.Select(f => new KeyValuePair<string, string>(f.Path, f.Digest));
}
