using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors.DotNet;
using Cilock.Attestation.Signing;
using Cilock.TestUtilities;

namespace Cilock.Sdk.IntegrationTests;

/// <summary>
/// The main flow on the HelloLib sample (<c>&lt;Sdk Name="Cilock.Sdk"/&gt;</c> form): build, test and pack once,
/// then check the evidence from several angles.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class HelloLibFlowTests
{
    private static string _root = "";
    private static string _packages = "";

    private static string LibEvidence => Path.Combine(_root, "src", "HelloLib", "obj", "cilock");

    private static string TestsEvidence => Path.Combine(_root, "tests", "HelloLib.Tests", "obj", "cilock");

    private static string Nupkg => Path.Combine(_packages, "HelloLib.1.0.0.nupkg");

    private static string Sidecar => Nupkg + ".intoto.jsonl";

    [ClassInitialize]
    public static void BuildTestAndPack(TestContext context)
    {
        _ = context;
        _root = PackedSdk.CreateWorkspace("hellolib", Path.Combine(SharedData.RepositoryRoot, "samples", "HelloLib"));
        _packages = Path.Combine(PackedSdk.Root, "hellolib-packages");
        PackedSdk.DotnetOk(_root, "build", "-c", "Release");
        PackedSdk.DotnetOk(_root, "test", "-c", "Release");
        PackedSdk.DotnetOk(_root, "pack", "src/HelloLib/HelloLib.csproj", "-c", "Release", "-o", _packages);
    }

    [TestMethod]
    public void Evidence_EveryEnvelope_VerifiesWithOurVerifierAndOpenssl()
    {
        var files = Directory.GetFiles(LibEvidence, "*.intoto.json", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(TestsEvidence, "*.intoto.json", SearchOption.AllDirectories))
            .ToList();
        Assert.IsGreaterThanOrEqualTo(5, files.Count, string.Join(", ", files));
        foreach (var file in files.Append(Sidecar))
        {
            foreach (var evidence in file.EndsWith(".jsonl", StringComparison.Ordinal) ? Evidence.LoadLines(file) : [Evidence.Load(file)])
            {
                evidence.AssertSignedBy(PackedSdk.PublicKeyPath);
            }

            var (exit, output) = Validators.Run("verify-dsse.sh", file, PackedSdk.PublicKeyPath);
            Assert.AreEqual(0, exit, $"{file}: {output}");
        }
    }

    [TestMethod]
    public void Build_Products_MatchFilesOnDisk()
    {
        var build = Evidence.Load(Path.Combine(LibEvidence, "build.Release.net10.0.intoto.json"));
        var products = build.Leaves("product");
        Assert.IsTrue(products.ContainsKey("src/HelloLib/bin/Release/net10.0/HelloLib.dll"), string.Join(", ", products.Keys));
        Assert.IsTrue(products.Keys.Any(p => p.EndsWith("HelloLib.xml", StringComparison.Ordinal)), "XML docs are a product");
        Assert.IsTrue(products.Keys.Any(p => p.EndsWith("HelloLib.pdb", StringComparison.Ordinal)), "the PDB is a product");
        foreach (var (path, digest) in products)
        {
            Assert.AreEqual(Evidence.Sha256(Path.Combine(_root, path)), digest, path);
        }

        var command = build.Attestation("/command-run/").GetProperty("cmd").EnumerateArray().Select(a => a.GetString()!).ToList();
        Assert.AreEqual("csc", command[0]);
        Assert.IsTrue(command.Any(a => a.EndsWith("Greeter.cs", StringComparison.Ordinal)), "the compiler command line names the sources");
    }

    [TestMethod]
    public void Build_Materials_ContainCompileItemsAndEveryRestoredPackage()
    {
        var build = Evidence.Load(Path.Combine(TestsEvidence, "build.Release.net10.0.intoto.json"));
        var materials = build.Leaves("material");
        Assert.AreEqual(Evidence.Sha256(Path.Combine(_root, "tests/HelloLib.Tests/GreeterTests.cs")), materials["tests/HelloLib.Tests/GreeterTests.cs"]);
        Assert.IsTrue(materials.ContainsKey("tests/HelloLib.Tests/HelloLib.Tests.csproj"));

        var assets = ProjectAssetsReader.Read(Path.Combine(_root, "tests/HelloLib.Tests/obj/project.assets.json"));
        var packages = assets.Libraries.Where(l => l.Type == "package").ToList();
        Assert.IsNotEmpty(packages);
        var recorded = build.Attestation("/dotnet/").GetProperty("packages").EnumerateArray()
            .ToDictionary(p => $"{p.GetProperty("id").GetString()}/{p.GetProperty("version").GetString()}", p => p, StringComparer.OrdinalIgnoreCase);
        foreach (var package in packages)
        {
            var nupkg = $"{package.Id}.{package.Version}.nupkg".ToLowerInvariant();
            Assert.IsTrue(materials.Keys.Any(m => m.EndsWith("/" + nupkg, StringComparison.Ordinal)), $"no material for {nupkg}");
            Assert.IsTrue(recorded.TryGetValue($"{package.Id}/{package.Version}", out var entry), $"{package.Id} missing from the dotnet attestor");
            Assert.AreEqual(package.Sha512, entry.GetProperty("sha512").GetString());
        }

        // sha512 must only ever be a field: a digest key Go does not know makes Witness and cilock reject the envelope.
        Assert.DoesNotContain("\"sha512\":{", build.Statement.GetRawText());
        foreach (var subject in build.Statement.GetProperty("subject").EnumerateArray())
        {
            Assert.IsFalse(subject.GetProperty("digest").TryGetProperty("sha512", out _));
        }
    }

    [TestMethod]
    public void Test_VSTest_AttestsTrxAndLinksToLibraryBuild()
    {
        var test = Evidence.Load(Path.Combine(TestsEvidence, "test.Release.net10.0.intoto.json"));
        var products = test.Leaves("product");
        var trx = products.Keys.Single(p => p.EndsWith(".trx", StringComparison.Ordinal));
        Assert.AreEqual(Evidence.Sha256(Path.Combine(_root, trx)), products[trx]);
        Assert.Contains("outcome=\"Completed\"", File.ReadAllText(Path.Combine(_root, trx)));

        var libraryDll = Evidence.Sha256(Path.Combine(_root, "src/HelloLib/bin/Release/net10.0/HelloLib.dll"));
        Assert.IsTrue(test.Leaves("material").ContainsValue(libraryDll), "the test step's materials include the library the build produced");
        Assert.IsTrue(File.Exists(Path.Combine(LibEvidence, "linked", "HelloLib.Tests.test.Release.net10.0.intoto.json")));
    }

    [TestMethod]
    public void Pack_Sidecar_HoldsEveryStepAndBindsNupkgSha256()
    {
        var steps = Evidence.LoadLines(Sidecar);
        CollectionAssert.AreEqual(new[] { "build", "test", "pack" }, steps.Select(s => s.StepName).ToArray());

        var nupkgSha = Evidence.Sha256(Nupkg);
        var pack = steps[^1];
        // One file: subject per attestor that names the package (product, and slsa provenance when on).
        var fileSubject = pack.Subjects().Single(s => s.Key.Contains("/product/", StringComparison.Ordinal) && s.Key.EndsWith("/file:" + Nupkg.Replace('\\', '/'), StringComparison.Ordinal));
        Assert.AreEqual(nupkgSha, fileSubject.Value);
        Assert.IsTrue(pack.Subjects().Keys.Any(k => k.EndsWith("/tree:products", StringComparison.Ordinal)));
        Assert.IsTrue(pack.Leaves("product").ContainsValue(nupkgSha));
        Assert.IsTrue(pack.Leaves("material").ContainsValue(Evidence.Sha256(Path.Combine(_root, "src/HelloLib/bin/Release/net10.0/HelloLib.dll"))),
            "the pack step's materials include the build product it packed");
    }

    [TestMethod]
    public void Verify_SampleTemplatePolicy_ChainsPackToTheBuildItPacked()
    {
        // The README's hand-written policy: `pack` has `artifactsFrom: ["build"]`, so the files pack read (obj/) must be
        // products of the signed build step, same path and digest.
        using var dir = new TempDirectory("cilock-hellolib-template");
        var pem = File.ReadAllText(PackedSdk.PublicKeyPath);
        var spki = Convert.FromBase64String(pem[PemEncoding.Find(pem).Base64Data]);
        var template = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "samples", "HelloLib", "policy", "policy.template.json"));
        var policy = template
            .Replace("${EXPIRES}", DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("${KEYID}", KeyId.Compute(spki), StringComparison.Ordinal)
            .Replace("${PUBLIC_KEY_PEM_BASE64}", Convert.ToBase64String(Encoding.UTF8.GetBytes(KeyId.ToCanonicalPem(spki))), StringComparison.Ordinal);
        File.WriteAllText(dir.Combine("policy.json"), policy);
        Assert.AreEqual(0, CilockCli.Run(dir, "keygen", "-o", "pol").ExitCode);
        var signed = CilockCli.Run(dir, "policy", "sign", "policy.json", "-k", "pol.key", "-o", "policy.signed.json");
        Assert.AreEqual(0, signed.ExitCode, signed.Output);

        var verdict = CilockCli.Run(dir, "verify", "-p", "policy.signed.json", "-k", "pol.pub", "-f", Nupkg, "-a", Sidecar);
        Assert.AreEqual(0, verdict.ExitCode, verdict.Output);

        // The scaffolder infers the same chain from the evidence.
        var scaffolded = CilockCli.Run(dir, "policy", "new", "--from", Sidecar, "--key", PackedSdk.PublicKeyPath, "-o", "scaffolded.json");
        Assert.AreEqual(0, scaffolded.ExitCode, scaffolded.Output);
        var pack = JsonNode.Parse(File.ReadAllText(dir.Combine("scaffolded.json")))!["steps"]!["pack"]!;
        Assert.AreEqual("[\"build\"]", pack["artifactsFrom"]?.ToJsonString(), pack.ToJsonString());
    }

    [TestMethod]
    public void Build_NoOpRebuild_WritesNoNewEnvelope()
    {
        var before = Snapshot();
        PackedSdk.DotnetOk(_root, "build", "-c", "Release");
        CollectionAssert.AreEquivalent(before, Snapshot(), "a no-op build must not re-sign or rewrite evidence");
    }

    [TestMethod]
    public void Pack_SameCommitTwice_SameNupkgSha256()
    {
        var first = Evidence.Sha256(Nupkg);
        File.Delete(Nupkg);
        PackedSdk.DotnetOk(_root, "pack", "src/HelloLib/HelloLib.csproj", "-c", "Release", "-o", _packages);
        Assert.AreEqual(first, Evidence.Sha256(Nupkg), "deterministic pack: DeterministicTimestamp comes from the git commit");
        using var zip = System.IO.Compression.ZipFile.OpenRead(Nupkg);
        Assert.AreEqual(new DateTime(2024, 5, 6), zip.Entries[0].LastWriteTime.Date, "entries carry the commit date");
        var pack = Evidence.LoadLines(Sidecar)[^1];
        Assert.IsTrue(pack.Subjects().ContainsValue(first));
    }

    private static List<string> Snapshot() =>
        [.. Directory.GetFiles(LibEvidence, "*.intoto.json").Concat(Directory.GetFiles(TestsEvidence, "build*.intoto.json"))
            .Select(f => $"{f}|{File.GetLastWriteTimeUtc(f).Ticks}|{Evidence.Sha256(f)}")];

}
