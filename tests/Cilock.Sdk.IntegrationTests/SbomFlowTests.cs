using System.IO.Compression;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.TestUtilities;

namespace Cilock.Sdk.IntegrationTests;

/// <summary>
/// The SbomSample (multi-targeted, a deep Microsoft.Extensions graph, a project reference and a PrivateAssets=all
/// dependency) packed with the packed SDK: the SBOM is checked against the third-party validators, against the assets
/// file read independently here, for determinism and machine paths, in the signed evidence, and by the built-in
/// sbom-denied-components rule through <c>cilock verify</c>.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class SbomFlowTests
{
    private const string BaseName = "SbomSample.1.0.0";
    private static string _root = "";
    private static string _packages = "";
    private static string _bothPackages = "";

    private static string Project => Path.Combine(_root, "src", "SbomSample", "SbomSample.csproj");

    private static string EvidenceDir => Path.Combine(_root, "src", "SbomSample", "obj", "cilock");

    private static string CycloneDxFile => Path.Combine(EvidenceDir, BaseName + ".cdx.json");

    private static string Nupkg => Path.Combine(_packages, BaseName + ".nupkg");

    [ClassInitialize]
    public static void Pack(TestContext context)
    {
        _ = context;
        _root = PackedSdk.CreateWorkspace("sbomsample", Path.Combine(SharedData.RepositoryRoot, "samples", "SbomSample"));
        _packages = Path.Combine(PackedSdk.Root, "sbomsample-packages");
        _bothPackages = Path.Combine(PackedSdk.Root, "sbomsample-both-packages");
        PackedSdk.DotnetOk(_root, "pack", Project, "-c", "Release", "-o", _packages);
    }

    [TestMethod]
    public void Pack_Sbom_PassesCycloneDx16Validator()
    {
        var (exit, output) = Validate("validate-cyclonedx.sh", CycloneDxFile);
        Assert.AreEqual(0, exit, output);
    }

    [TestMethod]
    public void Pack_Sbom_ComponentsEqualAssetsLibraries()
    {
        // Independent of our reader: every entry of project.assets.json "libraries", by plain JsonDocument.
        using var assets = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_root, "src", "SbomSample", "obj", "project.assets.json")));
        var libraries = assets.RootElement.GetProperty("libraries").EnumerateObject().ToList();
        var packages = libraries.Where(l => l.Value.GetProperty("type").GetString() == "package").ToDictionary(l => l.Name, l => l.Value.GetProperty("sha512").GetString()!);
        var projects = libraries.Where(l => l.Value.GetProperty("type").GetString() == "project").Select(l => l.Name).ToList();
        Assert.IsGreaterThanOrEqualTo(30, packages.Count, "the sample must exercise a deep graph");
        CollectionAssert.AreEqual(new[] { "SbomSample.Core/1.0.0" }, projects);

        // A package whose graph differs per target framework has one component per framework: same package data.
        var components = Sbom().GetProperty("components").EnumerateArray()
            .DistinctBy(c => c.GetProperty("purl").GetString()).ToList();
        var withHash = components.Where(c => c.TryGetProperty("hashes", out _)).ToDictionary(
            c => $"{c.GetProperty("name").GetString()}/{c.GetProperty("version").GetString()}",
            c => c.GetProperty("hashes")[0].GetProperty("content").GetString()!);
        CollectionAssert.AreEquivalent(packages.Keys.ToList(), withHash.Keys.ToList());
        foreach (var (key, sha512) in packages)
        {
            Assert.AreEqual(Convert.ToHexStringLower(Convert.FromBase64String(sha512)), withHash[key], key);
        }

        CollectionAssert.AreEquivalent(
            projects.ToList(),
            components.Where(c => !c.TryGetProperty("hashes", out _)).Select(c => $"{c.GetProperty("name").GetString()}/{c.GetProperty("version").GetString()}").ToList());
        Assert.IsTrue(components.All(c => c.GetProperty("purl").GetString() == $"pkg:nuget/{c.GetProperty("name").GetString()}@{c.GetProperty("version").GetString()}"));
    }

    [TestMethod]
    public void Pack_Sbom_ScopesFollowPrivateAssets()
    {
        // Required when it flows in some target framework (a per-framework variant carries that framework's scope).
        var scopes = Sbom().GetProperty("components").EnumerateArray().GroupBy(c => c.GetProperty("name").GetString()!)
            .ToDictionary(g => g.Key, g => g.Any(c => c.GetProperty("scope").GetString() == "required") ? "required" : "excluded");
        Assert.AreEqual("required", scopes["Microsoft.Extensions.Hosting"]);
        Assert.AreEqual("required", scopes["SbomSample.Core"]);
        Assert.AreEqual("required", scopes["Newtonsoft.Json"], "flows through the project reference");
        Assert.AreEqual("excluded", scopes["Microsoft.SourceLink.GitHub"]);
        Assert.AreEqual("excluded", scopes["Microsoft.Build.Tasks.Git"], "only the development-only package brings it");
        Assert.AreEqual("excluded", scopes["NETStandard.Library"], "the implicit reference does not flow");
    }

    [TestMethod]
    public void Pack_Sbom_MetadataNamesProductToolAndCommitTime()
    {
        var metadata = Sbom().GetProperty("metadata");
        Assert.AreEqual("2024-05-06T07:08:09Z", metadata.GetProperty("timestamp").GetString(), "the git commit time, not the clock");
        var tool = metadata.GetProperty("tools").GetProperty("components")[0];
        Assert.AreEqual("Cilock.Sdk", tool.GetProperty("name").GetString());
        Assert.AreEqual(PackedSdk.Version, tool.GetProperty("version").GetString(), "the package version the user referenced, not the assembly's");
        var root = metadata.GetProperty("component");
        Assert.AreEqual("pkg:nuget/SbomSample@1.0.0", root.GetProperty("purl").GetString());
        Assert.AreEqual(Evidence.Sha256(Nupkg), root.GetProperty("hashes")[0].GetProperty("content").GetString());
        // Multi-targeted: one node per framework with its assembly's hash, its files nested below it.
        var frameworks = root.GetProperty("components").EnumerateArray().ToDictionary(f => f.GetProperty("bom-ref").GetString()!);
        CollectionAssert.AreEquivalent(new[] { "pkg:nuget/SbomSample@1.0.0#net10.0", "pkg:nuget/SbomSample@1.0.0#netstandard2.0" }, frameworks.Keys.ToList());
        foreach (var tfm in new[] { "net10.0", "netstandard2.0" })
        {
            var framework = frameworks[$"pkg:nuget/SbomSample@1.0.0#{tfm}"];
            var dll = Evidence.Sha256(Path.Combine(_root, $"src/SbomSample/bin/Release/{tfm}/SbomSample.dll"));
            Assert.AreEqual(dll, framework.GetProperty("hashes")[0].GetProperty("content").GetString(), tfm);
            var files = framework.GetProperty("components").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("hashes")[0].GetProperty("content").GetString());
            Assert.AreEqual(dll, files[$"lib/{tfm}/SbomSample.dll"], tfm);
        }
    }

    [TestMethod]
    public void Pack_Sbom_EachFrameworkGraphEqualsThatAssetsTarget()
    {
        // Independent of our reader: per target, the edges reachable from the project's direct references, by plain JsonDocument.
        using var assets = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(_root, "src", "SbomSample", "obj", "project.assets.json")));
        var project = assets.RootElement.GetProperty("project");
        var bom = Sbom();
        var purls = bom.GetProperty("components").EnumerateArray().ToDictionary(c => c.GetProperty("bom-ref").GetString()!, c => c.GetProperty("purl").GetString()!);
        var dependsOn = bom.GetProperty("dependencies").EnumerateArray().ToDictionary(
            d => d.GetProperty("ref").GetString()!, d => d.GetProperty("dependsOn").EnumerateArray().Select(x => x.GetString()!).ToList());
        var targets = assets.RootElement.GetProperty("targets").EnumerateObject().Where(t => !t.Name.Contains('/', StringComparison.Ordinal)).ToList();
        Assert.HasCount(2, targets);
        CollectionAssert.AreEquivalent(targets.Select(t => $"pkg:nuget/SbomSample@1.0.0#{t.Name}").ToList(), dependsOn["pkg:nuget/SbomSample@1.0.0"]);
        foreach (var target in targets)
        {
            var byId = target.Value.EnumerateObject().ToDictionary(e => e.Name.Split('/')[0].ToLowerInvariant(), e => e.Name);
            static string Purl(string name) => "pkg:nuget/" + name.Replace('/', '@');
            var direct = project.GetProperty("frameworks").GetProperty(target.Name).GetProperty("dependencies").EnumerateObject()
                .Select(d => byId.GetValueOrDefault(d.Name.ToLowerInvariant())).OfType<string>().ToList();
            direct.AddRange(project.GetProperty("restore").GetProperty("frameworks").GetProperty(target.Name).GetProperty("projectReferences").EnumerateObject()
                .Select(r => byId[Path.GetFileNameWithoutExtension(r.Name).ToLowerInvariant()]));
            var expected = direct.Select(d => $"(product) -> {Purl(d)}").ToHashSet();
            var queue = new Queue<string>(direct);
            var seen = new HashSet<string>();
            while (queue.TryDequeue(out var name))
            {
                if (seen.Add(name) && target.Value.GetProperty(name).TryGetProperty("dependencies", out var dependencies))
                {
                    foreach (var dependency in dependencies.EnumerateObject().Select(d => byId[d.Name.ToLowerInvariant()]))
                    {
                        expected.Add($"{Purl(name)} -> {Purl(dependency)}");
                        queue.Enqueue(dependency);
                    }
                }
            }

            var actual = new HashSet<string>();
            var walk = new Queue<string>([$"pkg:nuget/SbomSample@1.0.0#{target.Name}"]);
            var visited = new HashSet<string>();
            while (walk.TryDequeue(out var node))
            {
                if (visited.Add(node))
                {
                    foreach (var child in dependsOn[node])
                    {
                        actual.Add($"{purls.GetValueOrDefault(node, "(product)")} -> {purls[child]}");
                        walk.Enqueue(child);
                    }
                }
            }

            CollectionAssert.AreEquivalent(expected.Order().ToList(), actual.Order().ToList(), target.Name);
        }
    }

    [TestMethod]
    public void Pack_Sbom_HasNoMachinePath()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        foreach (var file in Directory.GetFiles(EvidenceDir, "*.json").Where(f => f.EndsWith(".cdx.json", StringComparison.Ordinal) || f.EndsWith(".spdx.json", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotContain(PackedSdk.Root, text, file);
            Assert.DoesNotContain(_root, text, file);
            Assert.DoesNotContain(home + "/", text, file);
        }
    }

    [TestMethod]
    public void Pack_PackStep_AttestsTheSbomDocument()
    {
        var pack = Evidence.LoadLines(Nupkg + ".intoto.jsonl")[^1];
        Assert.AreEqual("pack", pack.StepName);
        var attested = JsonNode.Parse(pack.Attestation("https://cyclonedx.org/bom").GetRawText());
        Assert.IsTrue(JsonNode.DeepEquals(JsonNode.Parse(File.ReadAllBytes(CycloneDxFile)), attested), "the attestation is the SBOM document itself");
        var subjects = pack.Subjects();
        Assert.AreEqual(Evidence.Sha256(CycloneDxFile), subjects["https://cyclonedx.org/bom/file:src/SbomSample/obj/cilock/" + BaseName + ".cdx.json"]);
        Assert.IsTrue(subjects.ContainsKey("https://cyclonedx.org/bom/name:SbomSample"));
        Assert.IsTrue(subjects.ContainsKey("https://cyclonedx.org/bom/version:1.0.0"));
    }

    [TestMethod]
    public void Pack_SbomStatement_IsSignedWithTheNupkgAsSubject()
    {
        var path = Path.Combine(EvidenceDir, BaseName + ".cdx.intoto.json");
        var (exit, output) = Validators.Run("verify-dsse.sh", path, PackedSdk.PublicKeyPath);
        Assert.AreEqual(0, exit, output);
        var statement = Evidence.Load(path).Statement;
        Assert.AreEqual("https://in-toto.io/Statement/v1", statement.GetProperty("_type").GetString());
        Assert.AreEqual("https://cyclonedx.org/bom", statement.GetProperty("predicateType").GetString());
        var subject = statement.GetProperty("subject").EnumerateArray().Single();
        Assert.AreEqual(BaseName + ".nupkg", subject.GetProperty("name").GetString());
        Assert.AreEqual(Evidence.Sha256(Nupkg), subject.GetProperty("digest").GetProperty("sha256").GetString());
        Assert.AreEqual("CycloneDX", statement.GetProperty("predicate").GetProperty("bomFormat").GetString());
    }

    [TestMethod]
    public void Pack_SameCommitTwice_ByteIdenticalSbom()
    {
        var first = File.ReadAllBytes(CycloneDxFile);
        File.Delete(Nupkg);
        File.Delete(CycloneDxFile);
        PackedSdk.DotnetOk(_root, "pack", Project, "-c", "Release", "-o", _packages);
        CollectionAssert.AreEqual(first, File.ReadAllBytes(CycloneDxFile));
    }

    [TestMethod]
    public void Pack_BothFormatsInPackage_EmbedsValidSbomsCoveredByNupkgDigest()
    {
        // Its own evidence folder, so the default pack's files stay as the other tests expect them.
        PackedSdk.DotnetOk(_root, "pack", Project, "-c", "Release", "-o", _bothPackages, "-p:CilockSbomFormat=both", "-p:CilockSbomInPackage=true", "-p:CilockEvidenceDir=obj/cilock-both/");
        var nupkg = Path.Combine(_bothPackages, BaseName + ".nupkg");
        var evidence = Path.Combine(_root, "src", "SbomSample", "obj", "cilock-both");
        var cdx = Path.Combine(evidence, BaseName + ".cdx.json");
        var spdx = Path.Combine(evidence, BaseName + ".spdx.json");
        var (exit, output) = Validate("validate-spdx.sh", spdx);
        Assert.AreEqual(0, exit, output);
        (exit, output) = Validate("validate-cyclonedx.sh", cdx);
        Assert.AreEqual(0, exit, output);
        Assert.DoesNotContain(PackedSdk.Root, File.ReadAllText(spdx));

        using (var zip = ZipFile.OpenRead(nupkg))
        {
            foreach (var file in new[] { cdx, spdx })
            {
                var entry = zip.GetEntry("sbom/" + Path.GetFileName(file));
                Assert.IsNotNull(entry, $"{Path.GetFileName(file)} is not in the package");
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                CollectionAssert.AreEqual(File.ReadAllBytes(file), copy.ToArray(), "the embedded SBOM is the attested one");
            }
        }

        var pack = Evidence.LoadLines(nupkg + ".intoto.jsonl")[^1];
        Assert.AreEqual("SPDX-2.3", pack.Attestation("https://spdx.dev/Document").GetProperty("spdxVersion").GetString());
        Assert.AreEqual("CycloneDX", pack.Attestation("https://cyclonedx.org/bom").GetProperty("bomFormat").GetString());
        Assert.IsTrue(pack.Subjects().ContainsValue(Evidence.Sha256(nupkg)), "the nupkg digest, taken after embedding, is a subject");
    }

    [TestMethod]
    [DataRow("false", 0, "warning CIL2100")]
    [DataRow("true", 1, "error CIL2100")]
    public void GenerateSbom_CorruptAssets_CodedDiagnosticPerFailOnError(string failOnError, int exitCode, string expected)
    {
        var corrupt = Path.Combine(PackedSdk.Root, $"corrupt-assets-{failOnError}.json");
        File.WriteAllText(corrupt, "{\"version\":3,\"targets\":");
        var result = PackedSdk.Dotnet(_root, null, "msbuild", Project, "-t:CilockGenerateSbomAfterPack", "-p:Configuration=Release",
            $"-p:ProjectAssetsFile={corrupt}", $"-p:CilockFailOnError={failOnError}", "-p:CilockEvidenceDir=" + Path.Combine(PackedSdk.Root, "corrupt-evidence-" + failOnError));
        Assert.AreEqual(exitCode, result.ExitCode, result.Output);
        StringAssert.Contains(result.Output, expected);
        Assert.DoesNotContain("   at ", result.Output, "no stack trace");
        Assert.IsFalse(Directory.Exists(Path.Combine(PackedSdk.Root, "corrupt-evidence-" + failOnError)) && Directory.GetFiles(Path.Combine(PackedSdk.Root, "corrupt-evidence-" + failOnError)).Length > 0, "no SBOM from a corrupt graph");
    }

    [TestMethod]
    public void Verify_SbomDeniedComponentsRule_DeniesListedComponentAndPassesOtherwise()
    {
        using var dir = new TempDirectory("cilock-sbom-policy");
        var sidecar = Nupkg + ".intoto.jsonl";
        Assert.AreEqual(0, CilockCli.Run(dir, "keygen", "-o", "pol").ExitCode);

        string Policy(string name, string deny)
        {
            var scaffold = CilockCli.Run(dir, "policy", "new", "--from", sidecar, "-k", PackedSdk.PublicKeyPath, "--rule", $"sbom-denied-components:denied_components={deny}", "-o", name + ".json");
            Assert.AreEqual(0, scaffold.ExitCode, scaffold.Output);
            var signed = CilockCli.Run(dir, "policy", "sign", name + ".json", "-k", "pol.key", "-o", name + ".signed.json");
            Assert.AreEqual(0, signed.ExitCode, signed.Output);
            return name + ".signed.json";
        }

        var denied = CilockCli.Run(dir, "verify", "-p", Policy("deny", "[\"pkg:nuget/Newtonsoft.Json@13.\"]"), "-k", "pol.pub", "-f", Nupkg, "-a", sidecar);
        Assert.AreEqual(1, denied.ExitCode, denied.Output);
        StringAssert.Contains(denied.Output, "SBOM component Newtonsoft.Json 13.0.3 is on the deny list (pkg:nuget/Newtonsoft.Json@13.)");

        var passed = CilockCli.Run(dir, "verify", "-p", Policy("allow", "[\"log4net\"]"), "-k", "pol.pub", "-f", Nupkg, "-a", sidecar);
        Assert.AreEqual(0, passed.ExitCode, passed.Output);
    }

    private static JsonElement Sbom() => JsonDocument.Parse(File.ReadAllBytes(CycloneDxFile)).RootElement.Clone();

    private static (int ExitCode, string Output) Validate(string script, string file)
    {
        var validator = SharedData.Locate(Path.Combine("validators", script));
        var result = ProcessRunner.Run("bash", [validator, file], environment: new Dictionary<string, string?> { ["CILOCK_CDX_SPEC_VERSION"] = "1.6" }, timeout: TimeSpan.FromMinutes(5));
        if (result.ExitCode is 2 or 3)
        {
            throw new AssertInconclusiveException($"{script}: validator unavailable: {result.Output}");
        }

        return (result.ExitCode, result.Output);
    }
}
