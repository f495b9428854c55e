using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;
using Cilock.Operations.Recording;
using Cilock.Policy.Loading;
using Cilock.TestUtilities;

namespace Cilock.Hardening.Tests.Adversarial;

/// <summary>
/// A valid three-step pipeline (build → test → package) recorded through the SDK's step-recording operation, each step
/// signed by its own key, with a signed policy that chains the steps with <c>artifactsFrom</c>. The package step's
/// product is a real .nupkg, so the same evidence drives <c>cilock verify</c> and the verify-then-push gate.
/// Built once per test run; every tamper case works on its own copy (<see cref="TamperWorkspace"/>).
/// </summary>
internal sealed class Pipeline
{
    public static readonly string[] Steps = ["build", "test", "package"];
    public const string PackageFileName = "App.1.0.0.nupkg";

    private static readonly Lazy<Pipeline> Shared = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

    private Pipeline(string root) => Root = root;

    /// <summary>The baseline, created on first use (kept for the test run; it lives under the temp folder).</summary>
    public static Pipeline Baseline => Shared.Value;

    public string Root { get; }

    public string Work => Path.Combine(Root, "work");

    public string EvidenceDirectory => Path.Combine(Root, "evidence");

    public string Keys => Path.Combine(Root, "keys");

    public string Key(string name) => Path.Combine(Keys, name + ".key");

    public string PublicKey(string name) => Path.Combine(Keys, name + ".pub");

    public string PolicyJson => Path.Combine(Root, "policy.json");

    public string SignedPolicy => Path.Combine(Root, "policy.signed.json");

    public string Package => Path.Combine(Work, PackageFileName);

    private static Pipeline Create()
    {
        var root = Path.Combine(Path.GetTempPath(), "cilock-hardening-pipeline-" + Guid.NewGuid().ToString("N"));
        var p = new Pipeline(root);
        Directory.CreateDirectory(p.Work);
        Directory.CreateDirectory(p.EvidenceDirectory);
        Directory.CreateDirectory(p.Keys);
        foreach (var name in new[] { "build", "test", "package", "policy", "attacker" })
        {
            KeyGenerator.Write(KeyGenerator.Generate(), p.Key(name), p.PublicKey(name));
        }

        // build: src.txt -> lib.dll
        File.WriteAllText(Path.Combine(p.Work, "src.txt"), "class Lib { }\n");
        File.WriteAllText(Path.Combine(p.Work, "lib.dll"), "compiled(class Lib { })\n");
        p.Record("build", ["src.txt"], ["lib.dll"], ["csc", "src.txt"]);

        // test: lib.dll -> test.log
        File.WriteAllText(Path.Combine(p.Work, "test.log"), "1 passed, 0 failed\n");
        p.Record("test", ["src.txt", "lib.dll"], ["test.log"], ["dotnet", "test"]);

        // package: lib.dll -> App.1.0.0.nupkg
        File.WriteAllBytes(p.Package, CreateNupkg("App", "1.0.0", File.ReadAllBytes(Path.Combine(p.Work, "lib.dll"))));
        // "??????" makes the payload's base64 contain '/' whatever its alignment, and the retry makes its byte count
        // not a multiple of 3 (so it is padded): the base64 tamper classes then always have something to change.
        for (var pad = ""; ; pad += "x")
        {
            p.Record("package", ["src.txt", "lib.dll", "test.log"], [PackageFileName], ["dotnet", "pack", "-p:Tag=??????" + pad]);
            if (DsseEnvelope.Parse(File.ReadAllText(EvidenceFile(p.EvidenceDirectory, "package"))).Payload.Length % 3 != 0 || pad.Length > 4)
            {
                break;
            }
        }

        File.WriteAllText(p.PolicyJson, p.PolicyDocument().ToJsonString());
        p.SignPolicy(File.ReadAllBytes(p.PolicyJson), p.Key("policy"), p.SignedPolicy);
        return p;
    }

    /// <summary>Evidence file of <paramref name="step"/> inside <paramref name="evidenceDirectory"/>.</summary>
    public static string EvidenceFile(string evidenceDirectory, string step) => Path.Combine(evidenceDirectory, step + ".intoto.json");

    /// <summary>The policy: three steps, one functionary key each, the cilock v0.3 types required, steps chained.</summary>
    public JsonObject PolicyDocument(DateTimeOffset? expires = null)
    {
        var keys = new JsonObject();
        var steps = new JsonObject();
        foreach (var step in Steps)
        {
            var pem = File.ReadAllText(PublicKey(step));
            var keyid = KeyLoader.LoadVerifierFromPem(pem).KeyId;
            keys[keyid] = new JsonObject { ["keyid"] = keyid, ["key"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(pem)) };
            var s = new JsonObject
            {
                ["name"] = step,
                ["functionaries"] = new JsonArray(new JsonObject { ["type"] = "publickey", ["publickeyid"] = keyid }),
                ["attestations"] = new JsonArray(
                    new JsonObject { ["type"] = AttestationTypes.MaterialCilock },
                    new JsonObject { ["type"] = AttestationTypes.CommandRunCilock },
                    new JsonObject { ["type"] = AttestationTypes.ProductCilock }),
            };
            if (step != "build")
            {
                s["artifactsFrom"] = new JsonArray("build");
            }

            steps[step] = s;
        }

        return new JsonObject
        {
            ["expires"] = (expires ?? DateTimeOffset.UtcNow.AddYears(1)).ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["publickeys"] = keys,
            ["steps"] = steps,
        };
    }

    /// <summary>Signs policy bytes exactly as <c>cilock policy sign</c> does (DSSE over the raw file bytes).</summary>
    public void SignPolicy(byte[] policy, string keyPath, string outPath) =>
        File.WriteAllText(outPath, DsseSigner.Sign(PolicyLoader.WitnessPolicyPayloadType, policy, [KeyLoader.LoadSigner(keyPath)]).ToJson());

    private void Record(string step, string[] materials, string[] products, string[] command)
    {
        var result = StepRecordingOperation.CreateDefault().Execute(new StepRecordingOptions
        {
            StepName = step,
            EvidencePath = EvidenceFile(EvidenceDirectory, step),
            ProjectDirectory = Work,
            WorkingDirectory = Work,
            Attestors = ["environment", "material", "command-run", "product"],
            Materials = [.. materials.Select(m => Path.Combine(Work, m))],
            Products = [.. products.Select(m => Path.Combine(Work, m))],
            FileLinks = StepFileLinks.ProductSubjects | StepFileLinks.MaterialBackRefs,
            Command = command,
            KeyPath = Key(step),
        });
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"recording {step} failed: {string.Join("; ", result.Diagnostics)}");
        }
    }

    /// <summary>A minimal valid .nupkg (nuspec + one lib file).</summary>
    public static byte[] CreateNupkg(string id, string version, byte[] lib, IEnumerable<(string Name, byte[] Content)>? extraEntries = null)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Add(string name, byte[] content)
            {
                var entry = zip.CreateEntry(name);
                entry.LastWriteTime = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
                using var s = entry.Open();
                s.Write(content);
            }

            Add($"{id}.nuspec", Encoding.UTF8.GetBytes($"""
                <?xml version="1.0" encoding="utf-8"?>
                <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
                  <metadata><id>{id}</id><version>{version}</version><authors>a</authors><description>d</description></metadata>
                </package>
                """));
            Add("lib/net10.0/App.dll", lib);
            foreach (var (name, content) in extraEntries ?? [])
            {
                Add(name, content);
            }
        }

        return ms.ToArray();
    }
}
