using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Signing;
using Cilock.Policy.Authoring;
using Cilock.Policy.Evidence;
using Cilock.Policy.Loading;
using Cilock.Policy.Model;
using Cilock.Policy.Verification;

// build/bench.sh verify: N envelopes (default 1,000) = N/5 runs of a 5-step cilock pipeline whose runs all produce the
// same package, so every envelope is a candidate; Rego on two steps. Times loading + verification from files.
var total = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1000;
var runs = Math.Max(1, total / 5);
var dir = Directory.CreateTempSubdirectory("cilock-bench-verify");
try
{
    string[] steps = ["restore", "build", "test", "pack", "sign"];
    var keys = steps.Select(_ => KeyGenerator.Generate()).ToArray();
    var signers = keys.Select(k => KeyLoader.LoadSignerFromPem(k.PrivateKeyPem, ReadOnlySpan<char>.Empty)).ToArray();
    for (var r = 0; r < runs; r++)
    {
        for (var s = 0; s < steps.Length; s++)
        {
            var payload = Collection(steps[s], $"in-{s}", $"out-{s}", s == steps.Length - 1 ? "App.1.0.0.nupkg" : $"stage{s}.bin", $"https://ci.example/runs/{r}");
            var envelope = DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, payload, [signers[s]]);
            File.WriteAllText(Path.Combine(dir.FullName, $"run{r:D4}-{steps[s]}.json"), envelope.ToJson());
        }
    }

    const string exitZero = "package bench.exit\nimport rego.v1\ndeny contains sprintf(\"exit %v\", [input.exitcode]) if object.get(input, \"exitcode\", 0) != 0\n";
    const string noCurl = "package bench.curl\nimport rego.v1\ndeny contains \"curl used\" if { some a in input.cmd; contains(a, \"curl\") }\n";
    var policy = new PolicyDocument
    {
        Expires = DateTimeOffset.UtcNow.AddDays(30),
        PublicKeys = keys.ToDictionary(k => k.KeyId, k => new PolicyPublicKey { KeyId = k.KeyId, Key = Convert.ToBase64String(Encoding.UTF8.GetBytes(k.PublicKeyPem)) }),
        Steps = steps.Select((name, i) => new PolicyStep
        {
            Name = name,
            Functionaries = [new Functionary { Type = "publickey", PublicKeyId = keys[i].KeyId }],
            Attestations =
            [
                new AttestationRequirement { Type = AttestationTypes.MaterialCilock },
                new AttestationRequirement
                {
                    Type = AttestationTypes.CommandRunCilock,
                    RegoPolicies = i is 1 or 3 ? [Rego("exit.rego", exitZero), Rego("curl.rego", noCurl)] : null,
                },
                new AttestationRequirement { Type = AttestationTypes.ProductCilock },
            ],
            ArtifactsFrom = i > 0 ? [steps[i - 1]] : null,
        }).ToDictionary(s => s.Name!, s => s),
    };
    var policyKey = KeyGenerator.Generate();
    var signedPolicy = DsseSigner.Sign(PolicyLoader.WitnessPolicyPayloadType, PolicyWriter.Serialize(policy), [KeyLoader.LoadSignerFromPem(policyKey.PrivateKeyPem, ReadOnlySpan<char>.Empty)]).ToJsonBytes();
    var artifact = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("out-4")));

    var watch = Stopwatch.StartNew();
    var loaded = PolicyLoader.Load(signedPolicy, new PolicyLoadOptions { PublicKeys = [KeyLoader.LoadVerifierFromPem(policyKey.PublicKeyPem)] });
    var result = new PolicyVerifier(loaded).Verify(new FileEvidenceSource([dir.FullName]), new VerificationSubjects([], artifact));
    watch.Stop();
    var evaluated = result.InputAttestations.Count;
    Console.WriteLine($"envelopes: {runs * steps.Length}, candidates evaluated: {evaluated}, steps: {steps.Length}, Rego on 2 steps, passed: {result.Passed}");
    Console.WriteLine($"verify: {watch.Elapsed.TotalSeconds:F2} s");
    return result.Passed && evaluated == runs * steps.Length ? 0 : 1;
}
finally
{
    dir.Delete(recursive: true);
}

static RegoPolicyEntry Rego(string name, string source) => new() { Name = name, Module = Convert.ToBase64String(Encoding.UTF8.GetBytes(source)) };

static byte[] Collection(string step, string input, string output, string outputPath, string pipeline)
{
    string Sha(string s) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)));
    JsonObject Tree(string path, string content)
    {
        var digest = Sha(content);
        var leaf = Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(digest)));
        var root = Convert.ToHexStringLower(SHA256.HashData([0x00, .. Convert.FromHexString(leaf)]));
        return new JsonObject
        {
            ["merkleRoot"] = root, ["treeSize"] = 1, ["hashAlgorithm"] = "sha256", ["construction"] = "RFC6962",
            ["leaves"] = new JsonArray(new JsonObject { ["path"] = path, ["fileDigest"] = digest, ["leafHash"] = leaf }),
        };
    }

    // Each step consumes the previous step's output under the same path, so artifactsFrom holds along the chain.
    var index = int.Parse(input[3..], System.Globalization.CultureInfo.InvariantCulture);
    var materials = index == 0 ? Tree("src/app.cs", "source") : Tree(index == 4 ? $"stage{index - 1}.bin" : $"stage{index - 1}.bin", $"out-{index - 1}");
    var products = Tree(outputPath, output);
    var now = DateTimeOffset.UtcNow.AddMinutes(-10).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
    JsonObject Entry(string type, JsonNode body) => new() { ["type"] = type, ["attestation"] = body, ["starttime"] = now, ["endtime"] = now };
    var predicate = new JsonObject
    {
        ["name"] = step,
        ["attestations"] = new JsonArray(
            Entry(AttestationTypes.MaterialCilock, materials),
            Entry(AttestationTypes.CommandRunCilock, new JsonObject { ["cmd"] = new JsonArray("dotnet", step), ["exitcode"] = 0 }),
            Entry(AttestationTypes.ProductCilock, products),
            Entry("https://aflock.ai/attestations/github/v0.1", new JsonObject { ["pipelineurl"] = pipeline })),
    };
    var pipelineDigest = Sha(pipeline);
    Subject[] subjects =
    [
        new($"{AttestationTypes.MaterialCilock}/tree:materials", [new("sha256", materials["merkleRoot"]!.GetValue<string>())]),
        new($"{AttestationTypes.ProductCilock}/tree:products", [new("sha256", products["merkleRoot"]!.GetValue<string>())]),
        new($"https://aflock.ai/attestations/github/v0.1/pipelineurl:{pipeline}", [new("sha256", pipelineDigest)]),
    ];
    predicate["backrefs"] = new JsonObject { [$"https://aflock.ai/attestations/github/v0.1/pipelineurl:{pipeline}"] = new JsonObject { ["sha256"] = pipelineDigest } };
    return new Statement(AttestationTypes.CollectionCilock, subjects, predicate).ToJsonBytes();
}
