using System.Security.Cryptography;
using System.Text.Json;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;
using Cilock.Operations.Recording;
using Cilock.TestUtilities;

namespace Cilock.Operations.Tests.Recording;

[TestClass]
public sealed class StepRecordingOperationTests
{
    private static readonly GeneratedKey Key = KeyGenerator.Generate(KeyAlgorithm.EcdsaP256);

    internal static StepRecordingOperation Operation => StepRecordingOperation.WithSigner(KeyLoader.LoadSignerFromPem(Key.PrivateKeyPem, []));

    internal static StepRecordingOptions Options(TempDirectory dir, string step, string evidence) => new()
    {
        StepName = step,
        EvidencePath = dir.Combine("evidence", evidence),
        ProjectDirectory = dir.Path,
        WorkingDirectory = dir.Path,
        Attestors = ["material", "command-run", "product"],
        Environment = new Dictionary<string, string> { ["HOME"] = "/home/test" },
    };

    [TestMethod]
    public void Execute_FinishedStep_WritesSignedCollectionWithMaterialsCommandAndProducts()
    {
        using var dir = new TempDirectory();
        dir.WriteFile("src/A.cs", "class A {}");
        var dll = dir.WriteFile("bin/A.dll", "binary");
        var result = Operation.Execute(Options(dir, "build", "build.intoto.json") with
        {
            Materials = [dir.Combine("src/A.cs"), dir.Combine("src/Missing.cs")],
            Products = [dll],
            Command = ["csc", "/out:bin/A.dll", "src/A.cs"],
        });

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        var envelope = DsseEnvelope.Parse(File.ReadAllText(result.EnvelopePath!));
        Assert.IsTrue(DsseVerifier.Verify(envelope, new DsseVerificationOptions { Verifiers = [KeyLoader.LoadVerifierFromPem(Key.PublicKeyPem)] }).IsValid);
        using var statement = JsonDocument.Parse(envelope.Payload);
        var predicate = statement.RootElement.GetProperty("predicate");
        Assert.AreEqual("build", predicate.GetProperty("name").GetString());
        var text = statement.RootElement.GetRawText();
        Assert.Contains("\"path\":\"src/A.cs\"", text);
        Assert.Contains("\"path\":\"bin/A.dll\"", text);
        Assert.Contains(Convert.ToHexStringLower(SHA256.HashData("binary"u8)), text);
        Assert.Contains("\"cmd\":[\"csc\",\"/out:bin/A.dll\",\"src/A.cs\"]", text);
        Assert.DoesNotContain("Missing.cs", text, "files that do not exist are not recorded");
    }

    [TestMethod]
    public void Execute_CorruptAssetsFile_ReturnsCil2003AndWritesNothing()
    {
        using var dir = new TempDirectory();
        var options = Options(dir, "build", "build.intoto.json") with
        {
            Attestors = null,
            ProjectAssetsFile = dir.WriteFile("obj/project.assets.json", "{ not json"),
        };

        var result = Operation.Execute(options);

        Assert.IsFalse(result.Succeeded);
        Assert.AreEqual("CIL2003", result.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error).Code);
        Assert.IsFalse(File.Exists(options.EvidencePath), "fail closed: no envelope");
    }

    [TestMethod]
    public void Execute_UnknownAttestor_ReturnsCil2005()
    {
        using var dir = new TempDirectory();
        var result = Operation.Execute(Options(dir, "build", "x.json") with { Attestors = ["material", "sbom-magic"] });

        Assert.AreEqual("CIL2005", result.Diagnostics.Single().Code);
        Assert.Contains("sbom-magic", result.Diagnostics.Single().Message);
    }

    [TestMethod]
    public void Execute_UnreadableKey_ReturnsCil2001WithoutKeyMaterial()
    {
        using var dir = new TempDirectory();
        var keyPath = dir.WriteFile("bad.key", "-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----\n");
        var options = Options(dir, "build", "build.intoto.json") with { KeyPath = keyPath };

        var result = StepRecordingOperation.CreateDefault().Execute(options);

        var error = result.Diagnostics.Single(d => d.Severity == DiagnosticSeverity.Error);
        Assert.AreEqual("CIL2001", error.Code);
        Assert.DoesNotContain("not a key", error.Message);
        Assert.IsFalse(File.Exists(options.EvidencePath));
    }

    [TestMethod]
    public void Execute_FileSubjectsAndLinks_AddsFileSubjectAndLinkedCopies()
    {
        using var dir = new TempDirectory();
        var nupkg = dir.WriteFile("out/Lib.1.0.0.nupkg", "package bytes");
        var result = Operation.Execute(Options(dir, "pack", "pack.intoto.json") with
        {
            Products = [nupkg],
            FileSubjects = [nupkg],
            LinkDirectories = [dir.Combine("other")],
        });

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        var payload = DsseEnvelope.Parse(File.ReadAllText(result.EnvelopePath!)).Payload;
        using var statement = JsonDocument.Parse(payload);
        var subject = statement.RootElement.GetProperty("subject").EnumerateArray()
            .Single(s => s.GetProperty("name").GetString() == "https://aflock.ai/attestations/product/v0.3/file:out/Lib.1.0.0.nupkg");
        Assert.AreEqual(Convert.ToHexStringLower(SHA256.HashData("package bytes"u8)), subject.GetProperty("digest").GetProperty("sha256").GetString());
        var linked = Directory.GetFiles(dir.Combine("other", "linked"));
        Assert.HasCount(1, linked);
        Assert.AreEqual(File.ReadAllText(result.EnvelopePath!), File.ReadAllText(linked[0]));
    }

    [TestMethod]
    public void Execute_WitnessDialect_WritesOnlyWitnessLoadableTypes()
    {
        using var dir = new TempDirectory();
        var assets = dir.WriteFile("obj/project.assets.json", """{"version":3,"targets":{"net10.0":{}},"libraries":{},"packageFolders":{}}""");
        var result = Operation.Execute(Options(dir, "build", "build.intoto.json") with
        {
            Dialect = Dialect.Witness,
            Attestors = null,
            ProjectAssetsFile = assets,
            SdkVersion = "10.0.401",
            Materials = [assets],
            Command = ["csc"],
        });

        Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
        Assert.IsFalse(result.Diagnostics.Any(d => d.Code == "CIL1045"), "nothing has to be dropped: the dotnet attestor is not run for witness");
        var text = System.Text.Encoding.UTF8.GetString(DsseEnvelope.Parse(File.ReadAllText(result.EnvelopePath!)).Payload);
        Assert.Contains("https://witness.testifysec.com/attestation-collection/v0.1", text);
        Assert.Contains("https://witness.dev/attestations/material/v0.1", text);
        Assert.DoesNotContain("aflock.ai", text);
    }

    [TestMethod]
    public void Execute_FileLinks_AddsLocalFileSubjectsAndBackrefsOnly()
    {
        using var dir = new TempDirectory();
        var source = dir.WriteFile("src/A.cs", "class A {}");
        var outside = Path.Combine(Path.GetTempPath(), $"cilock-outside-{Guid.NewGuid():N}.dll");
        File.WriteAllText(outside, "reference");
        try
        {
            var dll = dir.WriteFile("bin/A.dll", "binary");
            var result = Operation.Execute(Options(dir, "build", "build.intoto.json") with
            {
                Materials = [source, outside],
                Products = [dll],
                FileLinks = StepFileLinks.ProductSubjects | StepFileLinks.MaterialBackRefs,
            });

            Assert.IsTrue(result.Succeeded, string.Join("\n", result.Diagnostics));
            using var statement = JsonDocument.Parse(DsseEnvelope.Parse(File.ReadAllText(result.EnvelopePath!)).Payload);
            var subjects = statement.RootElement.GetProperty("subject").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
            CollectionAssert.Contains(subjects, "https://aflock.ai/attestations/product/v0.3/file:bin/A.dll");
            Assert.IsFalse(subjects.Any(s => s!.Contains("/material/v0.3/file:", StringComparison.Ordinal)), "no material subjects were asked for");
            var backrefs = statement.RootElement.GetProperty("predicate").GetProperty("backrefs");
            Assert.AreEqual(
                Convert.ToHexStringLower(SHA256.HashData("class A {}"u8)),
                backrefs.GetProperty("https://aflock.ai/attestations/material/v0.3/file:src/A.cs").GetProperty("sha256").GetString());
            Assert.IsTrue(backrefs.TryGetProperty("https://aflock.ai/attestations/material/v0.3/tree:materials", out _), "the collection's own backrefs are kept");
            Assert.DoesNotContain("cilock-outside-", backrefs.GetRawText(), "files outside the working directory are never linked");
        }
        finally
        {
            File.Delete(outside);
        }
    }

    [TestMethod]
    [DataRow(null, Dialect.Cilock)]
    [DataRow("", Dialect.Cilock)]
    [DataRow("cilock", Dialect.Cilock)]
    [DataRow(" Witness ", Dialect.Witness)]
    public void ParseDialect_KnownValues_Parse(string? value, Dialect expected) =>
        Assert.AreEqual(expected, StepRecordingOperation.ParseDialect(value));

    [TestMethod]
    public void ParseDialect_UnknownValue_ThrowsCil2005() =>
        Assert.AreEqual("CIL2005", Assert.ThrowsExactly<CilockException>(() => StepRecordingOperation.ParseDialect("slsa")).Code);
}
