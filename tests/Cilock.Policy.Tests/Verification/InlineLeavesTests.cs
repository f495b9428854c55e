using System.Text.Json.Nodes;
using Cilock.Policy.Verification;

namespace Cilock.Policy.Tests.Verification;

/// <summary>The Merkle vectors of attestors.md §2.3, both constructions.</summary>
[TestClass]
public sealed class InlineLeavesTests
{
    private const string A = "06f961b802bc46ee168555f066d28f4f0e9afdf3f88174c1ee6f9de004fc30a0";
    private const string B = "c0cde77fa8fef97d476c10aad3d2d54fcc2f336140d073651c2dcccf1e379fd6";
    private const string C = "12f37a8a84034d3e623d726fe10e5031f4df997ac13f4d5571b5a90c41fb84fe";

    [TestMethod]
    public void Read_ContentOnlyVector_Rebuilds()
    {
        var tree = Tree("9d013296ed288bb242a222326864bc14a138eae148940e52ebe4b1a039f46363", 3,
            ("copy.txt", A, "b1b6445836b29fd2ebcadc96ff24c2fddb280ec1f460aea4bdb8dff9f3025dc0"),
            ("z.txt", C, "62f447285a5cdd0337224ad8da9d246900b3baf36e3cf41db4d1ad4c94b061d3"),
            ("a.txt", B, "d16d669b4790f4a64986c82469390241324eb9db709e797ed27bd75f17c0fa2b"));

        var leaves = InlineLeaves.Read(tree, V03LeafMode.ContentOnly);

        Assert.IsNull(leaves.Error);
        Assert.AreEqual("content-only", leaves.Construction);
    }

    [TestMethod]
    public void Read_PathBoundVector_AcceptedInAutoRefusedInContentOnly()
    {
        var tree = Tree("4f29cb9e9a070f2ad69ac62daa65ee8b7bc7ef7e4b8f7177ebc1127c8b842f58", 3,
            ("a.txt", B, "db45111377a743c955f551e27c5f11e72558b33a98753f828bd9e86c33ae544e"),
            ("lib/x.dll", A, "8f6a006f2fc3a46cbfade9d9e0e2d5fe8dba1910d402af3daca4c365224d6006"),
            ("z.txt", C, "4608364473cf260fbd8970835064b81d73be0e4716020ae5b4dc0e39061b5b5d"));

        var auto = InlineLeaves.Read(tree, V03LeafMode.Auto);
        var contentOnly = InlineLeaves.Read(tree, V03LeafMode.ContentOnly);

        Assert.IsNull(auto.Error);
        Assert.AreEqual("path-bound", auto.Construction);
        StringAssert.Contains(contentOnly.Error, "path-bound");
    }

    [TestMethod]
    [DataRow("83556950ab58b6c4695eefdd2aff5605a8092906b4d8d2b2efc5f648274b8863", "b1b6445836b29fd2ebcadc96ff24c2fddb280ec1f460aea4bdb8dff9f3025dc0")]
    [DataRow("b52d820a241c0f726d1c667284004fde336eee6d85184f72a613dc4e25409ca2", "485384f806842afdcf6abcd22ffa3a895accdcedb2b5ecf21de1d57c886eeb9a")]
    public void Read_SingleLeafVectors_Rebuild(string root, string leafHash)
    {
        Assert.IsNull(InlineLeaves.Read(Tree(root, 1, ("a.txt", A, leafHash)), V03LeafMode.Auto).Error);
    }

    [TestMethod]
    public void SingleLeafRoot_MatchesVector() =>
        Assert.AreEqual("83556950ab58b6c4695eefdd2aff5605a8092906b4d8d2b2efc5f648274b8863", InlineLeaves.SingleLeafRoot(A));

    [TestMethod]
    public void Read_EmptyTree_RootOfNothing() =>
        Assert.IsNull(InlineLeaves.Read(Tree("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", 0), V03LeafMode.Auto).Error);

    [TestMethod]
    [DataRow(4)]
    [DataRow(2)]
    public void Read_WrongTreeSize_Fails(int size)
    {
        var tree = Tree("9d013296ed288bb242a222326864bc14a138eae148940e52ebe4b1a039f46363", size,
            ("copy.txt", A, "b1b6445836b29fd2ebcadc96ff24c2fddb280ec1f460aea4bdb8dff9f3025dc0"),
            ("z.txt", C, "62f447285a5cdd0337224ad8da9d246900b3baf36e3cf41db4d1ad4c94b061d3"),
            ("a.txt", B, "d16d669b4790f4a64986c82469390241324eb9db709e797ed27bd75f17c0fa2b"));

        Assert.IsNotNull(InlineLeaves.Read(tree, V03LeafMode.Auto).Error);
    }

    [TestMethod]
    public void Read_DuplicatePaths_Fails()
    {
        var tree = Tree("83556950ab58b6c4695eefdd2aff5605a8092906b4d8d2b2efc5f648274b8863", 1, ("a.txt", A, null), ("a.txt", A, null));

        StringAssert.Contains(InlineLeaves.Read(tree, V03LeafMode.Auto).Error, "duplicate");
    }

    [TestMethod]
    public void Read_LeafLess_HasNoLeavesAndNoError()
    {
        var leaves = InlineLeaves.Read(new JsonObject { ["merkleRoot"] = A, ["treeSize"] = 3 }, V03LeafMode.Auto);

        Assert.IsFalse(leaves.HasLeaves);
        Assert.IsNull(leaves.Error);
    }

    private static JsonObject Tree(string root, int size, params (string Path, string Digest, string? LeafHash)[] leaves)
    {
        var array = new JsonArray();
        foreach (var (path, digest, leafHash) in leaves)
        {
            var leaf = new JsonObject { ["path"] = path, ["fileDigest"] = digest };
            if (leafHash is not null)
            {
                leaf["leafHash"] = leafHash;
            }

            array.Add(leaf);
        }

        return new JsonObject { ["merkleRoot"] = root, ["treeSize"] = size, ["hashAlgorithm"] = "sha256", ["construction"] = "RFC6962", ["leaves"] = array };
    }
}
