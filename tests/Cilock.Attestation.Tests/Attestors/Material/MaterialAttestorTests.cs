using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.Material;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.Attestation.Hashing;
using Cilock.Attestation.InToto;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Attestors.Material;

[TestClass]
public sealed class MaterialAttestorTests
{
    [TestMethod]
    public async Task Cilock_WritesContentOnlyV03WithTreeSubjectAndBackref()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("a.txt", "B\n");
        dir.WriteFile("lib/x.dll", "A\n");
        dir.WriteFile("z.txt", "C\n");
        dir.WriteFile("copy.txt", "A\n");
        var attestor = new MaterialAttestor();
        var run = await new AttestationContext(Options(dir), [attestor]).RunAsync();

        var json = attestor.ToJson(Dialect.Cilock)!;
        Assert.AreEqual("9d013296ed288bb242a222326864bc14a138eae148940e52ebe4b1a039f46363", json["merkleRoot"]!.GetValue<string>());
        Assert.AreEqual(3L, json["treeSize"]!.GetValue<long>());
        var statement = CollectionBuilder.Build(run, Dialect.Cilock);
        var subject = statement.Subjects.Single();
        Assert.AreEqual("https://aflock.ai/attestations/material/v0.3/tree:materials", subject.Name);
        Assert.AreEqual("9d013296ed288bb242a222326864bc14a138eae148940e52ebe4b1a039f46363", subject.Digest["sha256"]);
        var read = CollectionReader.ReadCollection(statement.Predicate);
        Assert.IsTrue(read.Backrefs!.ContainsKey(subject.Name));
        var verified = MerkleTree.Verify(read.Entries.Single().AsMaterial()!.Tree!);
        Assert.AreEqual(MerkleConstruction.ContentOnly, verified.Construction);
        Assert.AreEqual(4, attestor.Materials.Count, "the flat view keeps every file");
    }

    [TestMethod]
    public async Task Cilock_EmptyTree_WritesEmptyLeavesArray()
    {
        using var dir = new TempDirectory();
        var attestor = new MaterialAttestor();
        await new AttestationContext(Options(dir), [attestor]).RunAsync();
        var json = attestor.ToJson(Dialect.Cilock)!;
        Assert.AreEqual(MerkleTree.EmptyRoot, json["merkleRoot"]!.GetValue<string>());
        Assert.AreEqual("[]", json["leaves"]!.ToJsonString());
    }

    [TestMethod]
    public async Task Witness_WritesFlatMapWithoutSubjects()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("global.json", "B\n");
        dir.WriteFile("src/App/App.csproj", "A\n");
        var attestor = new MaterialAttestor();
        var run = await new AttestationContext(Options(dir) with { Dialect = Dialect.Witness, Hashes = [DigestSet.Sha256, DigestSet.GitoidSha1] }, [attestor]).RunAsync();

        var statement = CollectionBuilder.Build(run, Dialect.Witness);
        var map = CollectionReader.ReadCollection(statement.Predicate).Entries.Single();
        Assert.AreEqual(AttestationTypes.MaterialWitness, map.Type);
        Assert.AreEqual("c0cde77fa8fef97d476c10aad3d2d54fcc2f336140d073651c2dcccf1e379fd6", map.AsMaterial()!.Files["global.json"].Sha256Hex);
        Assert.IsTrue(map.AsMaterial()!.Files["src/App/App.csproj"].ContainsKey(DigestSet.GitoidSha1));
        Assert.AreEqual(0, statement.Subjects.Count);
    }

    [TestMethod]
    public async Task ExplicitList_RecordsOnlyListedFiles()
    {
        using var dir = new TempDirectory();
        var listed = dir.WriteFile("src/Program.cs", "x");
        dir.WriteFile("unlisted.cs", "y");
        var attestor = new MaterialAttestor(new FileList(dir.Path, [listed]));
        await new AttestationContext(Options(dir), [attestor]).RunAsync();
        CollectionAssert.AreEqual(new[] { "src/Program.cs" }, attestor.Materials.Keys.ToArray());
    }

    [TestMethod]
    public async Task Globs_FilterWalkedMaterials()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("src/a.cs", "a");
        dir.WriteFile("bin/a.dll", "b");
        var attestor = new MaterialAttestor();
        await new AttestationContext(Options(dir) with { MaterialExcludeGlobs = ["bin/*"] }, [attestor]).RunAsync();
        CollectionAssert.AreEqual(new[] { "src/a.cs" }, attestor.Materials.Keys.ToArray());
    }

    [TestMethod]
    public async Task Witness_DirHashGlob_RecordsFolderOnceWithDirHash()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("vendor/a.txt", "A\n");
        dir.WriteFile("vendor/sub/b.txt", "B\n");
        dir.WriteFile("src/c.cs", "c");
        var attestor = new MaterialAttestor();
        await new AttestationContext(Options(dir) with { Dialect = Dialect.Witness, DirHashGlobs = ["vendor"] }, [attestor]).RunAsync();

        CollectionAssert.AreEquivalent(new[] { "src/c.cs", "vendor/" }, attestor.Materials.Keys.ToArray());
        Assert.AreEqual("572559c36f086a6edd95dfb7c7b4c2a0c18f85cce9e05ef2010807d1040f22e9", attestor.Materials["vendor/"][DigestSet.DirHash]);
        Assert.AreEqual(1, attestor.Tree!.TreeSize, "a dirHash entry cannot become a v0.3 leaf");
    }

    internal static AttestationContextOptions Options(TempDirectory dir) => new()
    {
        WorkingDirectory = dir.Path,
        StepName = "build",
        Environment = new Dictionary<string, string>(),
    };
}
