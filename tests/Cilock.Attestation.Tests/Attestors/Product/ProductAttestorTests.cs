using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Attestors.Material;
using Cilock.Attestation.Attestors.Product;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.Attestation.Hashing;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Tests.Attestors.Material;
using Cilock.Attestation.Tests.Context;
using Cilock.TestUtilities;

namespace Cilock.Attestation.Tests.Attestors.Product;

[TestClass]
public sealed class ProductAttestorTests
{
    [TestMethod]
    public async Task Products_AreNewOrChangedFilesOnly()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("unchanged.txt", "same");
        dir.WriteFile("changed.txt", "before");
        var build = new FakeAttestor("build", AttestationPhase.Execute)
        {
            OnAttest = (_, _) =>
            {
                dir.WriteFile("changed.txt", "after");
                dir.WriteFile("bin/new.dll", "MZ....");
                return Task.CompletedTask;
            },
        };
        var product = new ProductAttestor();
        await new AttestationContext(MaterialAttestorTests.Options(dir), [new MaterialAttestor(), build, product]).RunAsync();

        CollectionAssert.AreEquivalent(new[] { "bin/new.dll", "changed.txt" }, product.Products.Keys.ToArray());
        Assert.AreEqual("application/vnd.microsoft.portable-executable", product.Products["bin/new.dll"].MimeType);
    }

    [TestMethod]
    public async Task Products_IncludeFilesRewrittenWithIdenticalBytesDuringTheCommand()
    {
        using var dir = new TempDirectory();
        var dll = dir.WriteFile("bin/app.dll", "same bytes");
        dir.WriteFile("untouched.txt", "x");
        File.SetLastWriteTimeUtc(dll, DateTime.UtcNow.AddHours(-1));
        File.SetLastWriteTimeUtc(dir.Combine("untouched.txt"), DateTime.UtcNow.AddHours(-1));
        var build = new FakeAttestor("build", AttestationPhase.Execute)
        {
            OnAttest = (_, _) =>
            {
                dir.WriteFile("bin/app.dll", "same bytes");
                File.SetLastWriteTimeUtc(dll, DateTime.UtcNow.AddMinutes(1));
                return Task.CompletedTask;
            },
        };
        var product = new ProductAttestor();
        await new AttestationContext(MaterialAttestorTests.Options(dir), [new MaterialAttestor(), build, product]).RunAsync();

        CollectionAssert.AreEqual(new[] { "bin/app.dll" }, product.Products.Keys.ToArray());
    }

    [TestMethod]
    public async Task Cilock_V03_GlobsFilterLeavesKindsAndTreeSubject()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("obj/app.cdx.json", "A\n");
        dir.WriteFile("obj/skip.log", "x");
        var product = new ProductAttestor();
        var run = await new AttestationContext(MaterialAttestorTests.Options(dir) with { ProductExcludeGlobs = ["*.log"] }, [product]).RunAsync();

        var json = product.ToJson(Dialect.Cilock)!;
        Assert.AreEqual("83556950ab58b6c4695eefdd2aff5605a8092906b4d8d2b2efc5f648274b8863", json["merkleRoot"]!.GetValue<string>());
        Assert.AreEqual("cyclonedx", json["leaves"]![0]!["kind"]!.GetValue<string>());
        Assert.IsNull(json["mime_type"]);
        var subject = CollectionBuilder.Build(run, Dialect.Cilock).Subjects.Single();
        Assert.AreEqual("https://aflock.ai/attestations/product/v0.3/tree:products", subject.Name);
    }

    [TestMethod]
    public async Task Cilock_V03_NoProducts_OmitsLeavesButKeepsTreeSubject()
    {
        using var dir = new TempDirectory();
        var product = new ProductAttestor();
        var run = await new AttestationContext(MaterialAttestorTests.Options(dir), [product]).RunAsync();
        Assert.IsFalse(product.ToJson(Dialect.Cilock)!.AsObject().ContainsKey("leaves"));
        Assert.AreEqual(MerkleTree.EmptyRoot, CollectionBuilder.Build(run, Dialect.Cilock).Subjects.Single().Digest["sha256"]);
    }

    [TestMethod]
    public async Task Witness_V01_MapHasAllProductsGlobsFilterSubjectsOnly()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("test/test.txt", "hello\n");
        dir.WriteFile("build.log", "x");
        var product = new ProductAttestor();
        var run = await new AttestationContext(MaterialAttestorTests.Options(dir) with { Dialect = Dialect.Witness, ProductExcludeGlobs = ["*.log"] }, [product]).RunAsync();

        var statement = CollectionBuilder.Build(run, Dialect.Witness);
        var entry = CollectionReader.ReadCollection(statement.Predicate).Entries.Single();
        var files = entry.AsProduct()!.Files;
        Assert.AreEqual(2, files.Count);
        Assert.AreEqual("text/plain; charset=utf-8", files["test/test.txt"].MimeType);
        var subject = statement.Subjects.Single();
        Assert.AreEqual("https://witness.dev/attestations/product/v0.1/file:test/test.txt", subject.Name);
        Assert.AreEqual("5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03", subject.Digest["sha256"]);
    }

    [TestMethod]
    public async Task Witness_DirHashGlob_ProductIsDirectorySubject()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("publish/app.dll", "A\n");
        var product = new ProductAttestor();
        var run = await new AttestationContext(MaterialAttestorTests.Options(dir) with { Dialect = Dialect.Witness, DirHashGlobs = ["publish"] }, [product]).RunAsync();
        Assert.AreEqual("text/directory", product.Products["publish/"].MimeType);
        Assert.AreEqual("https://witness.dev/attestations/product/v0.1/dir:publish/", CollectionBuilder.Build(run, Dialect.Witness).Subjects.Single().Name);
    }

    [TestMethod]
    public async Task ExplicitList_RecordsListedFilesEvenWhenUnchanged()
    {
        using var dir = new TempDirectory();
        var nupkg = dir.WriteFile("bin/App.1.0.0.nupkg", "PK\u0003\u0004rest");
        var product = new ProductAttestor(new FileList(dir.Path, [nupkg]));
        await new AttestationContext(MaterialAttestorTests.Options(dir), [new MaterialAttestor(), product]).RunAsync();
        Assert.AreEqual("application/zip", product.Products["bin/App.1.0.0.nupkg"].MimeType);
    }

    [TestMethod]
    [DataRow("{\"spdxVersion\":\"SPDX-2.3\"}", "application/spdx+json")]
    [DataRow("{\"spdxVersion\": \"SPDX-2.2\"}", "application/spdx+json")]
    [DataRow("{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}", "application/vnd.cyclonedx+json")]
    [DataRow("{\"bomFormat\": \"CycloneDX\"}", "application/vnd.cyclonedx+json")]
    [DataRow("<?xml version=\"1.0\"?><bom xmlns=\"http://cyclonedx.org/schema/bom/1.5\">", "application/vnd.cyclonedx+xml")]
    [DataRow("{\"@context\":\"https://openvex.dev/ns/v0.2.0\"}", "application/vex+json")]
    [DataRow("sha256:abc", "text/sha256+text")]
    [DataRow("{\"a\":1}", "application/json")]
    [DataRow("plain words\n", "text/plain; charset=utf-8")]
    public void Sniff_SpecialValues(string content, string expected) =>
        Assert.AreEqual(expected, MimeSniffer.Sniff(Encoding.UTF8.GetBytes(content)));

    [TestMethod]
    [DataRow("out/app.slsa-provenance.json", "slsa-provenance")]
    [DataRow("x.intoto.jsonl", "intoto")]
    [DataRow("x.DSSE", "intoto-dsse")]
    [DataRow("sbom.spdx.yml", "spdx")]
    [DataRow("a/bom.json", "cyclonedx")]
    [DataRow("r.sarif", "sarif")]
    [DataRow("v.csaf.json", "vex")]
    [DataRow("app.dll", null)]
    public void Kind_FromPath(string path, string? kind) => Assert.AreEqual(kind, ProductKinds.Of(path));
}
