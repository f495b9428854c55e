using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.InToto;
using Cilock.Operations.Recording;

namespace Cilock.Hardening.Tests.Adversarial;

/// <summary>
/// Every tamper class the adversarial suite applies to the valid <see cref="Pipeline"/>. Each must make
/// <c>cilock verify</c> deny with the coded reason listed, and the gate must push nothing.
/// </summary>
internal static partial class TamperCatalog
{
    private const string Signature = "CIL3102";     // no signature verifies with a policy key
    private const string NotFound = "CIL3101";      // no collection found for the step
    private const string Unreadable = "CIL3114";    // evidence file skipped: not a valid envelope/statement
    private const string Functionary = "CIL3103";   // signed, but not by the step's functionary
    private const string MissingType = "CIL3104";   // a required attestation type is absent
    private const string NotCollection = "CIL3105"; // not a collection of this step
    private const string Substituted = "CIL3106";   // artifactsFrom digest mismatch
    private const string Merkle = "CIL3108";        // inline v0.3 leaves do not rebuild the root
    private const string Future = "CIL3110";        // dated in the future
    private const string MerkleShape = "CIL1035";   // v0.3 tree does not verify (reader level)

    private static readonly Lazy<IReadOnlyList<TamperClass>> Catalog = new(() => [.. Core, .. Certificates]);

    public static IReadOnlyList<TamperClass> All => Catalog.Value;

    // Properties computed on use (not initializers): the partial files' initializer order is unspecified.
    private static IReadOnlyList<TamperClass> Core =>
    [
        // ── signature and payload integrity (outsider, no key) ──
        new("payload-bit-flip", "no key", [Signature], null, ws =>
        {
            var payload = ws.Envelope("package").Payload;
            var i = Encoding.UTF8.GetString(payload).IndexOf("\"sha256\":\"", StringComparison.Ordinal) + 10;
            payload[i] ^= 0x01; // a hex digit becomes another (e.g. '0' -> '1'): still valid JSON
            ws.ReplacePayload("package", payload);
        }),
        new("payload-bit-flip-structure", "no key", [Signature, Unreadable], null, ws =>
        {
            var payload = ws.Envelope("package").Payload;
            payload[0] ^= 0x20; // '{' -> '[': the JSON changes kind
            ws.ReplacePayload("package", payload);
        }),
        new("payload-reserialized-same-meaning", "no key", [Signature], null, ws =>
            ws.ReplacePayload("package", Encoding.UTF8.GetBytes(ws.Statement("package").ToJsonString(new JsonSerializerOptions { WriteIndented = true })))),
        new("payload-members-reordered", "no key", [Signature], null, ws =>
        {
            var s = ws.Statement("package");
            var reordered = new JsonObject();
            foreach (var (k, v) in s.Reverse().ToList())
            {
                s.Remove(k);
                reordered[k] = v;
            }

            ws.ReplacePayload("package", Encoding.UTF8.GetBytes(reordered.ToJsonString()));
        }),
        new("payload-type-changed", "no key", [Signature], null, ws =>
        {
            var e = ws.Envelope("package");
            ws.Write("package", new DsseEnvelope("application/vnd.in-toto.v1+json", e.Payload, e.Signatures));
        }),
        new("signature-bit-flip", "no key", [Signature], null, ws =>
        {
            var e = ws.Envelope("package");
            var sig = (byte[])e.Signatures[0].Signature.Clone();
            sig[sig.Length / 2] ^= 0x80;
            ws.Write("package", new DsseEnvelope(e.PayloadType, e.Payload, [CopyWith(e.Signatures[0], sig)]));
        }),
        new("signature-truncated", "no key", [Signature], null, ws =>
        {
            var e = ws.Envelope("package");
            ws.Write("package", new DsseEnvelope(e.PayloadType, e.Payload, [CopyWith(e.Signatures[0], e.Signatures[0].Signature[..^4])]));
        }),
        new("signature-transplanted", "no key", [Signature], null, ws =>
        {
            // the build step's valid signature (over the build payload) moved onto the package payload
            var build = ws.Envelope("build");
            var e = ws.Envelope("package");
            ws.Write("package", new DsseEnvelope(e.PayloadType, e.Payload, build.Signatures));
        }),
        new("duplicate-signatures", "no key", [Signature], null, ws =>
        {
            // a tampered payload carrying the original signature three times: repetition must not count
            var e = ws.Envelope("package");
            var payload = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(e.Payload).Replace("\"dotnet\"", "\"evil\"", StringComparison.Ordinal));
            ws.Write("package", new DsseEnvelope(e.PayloadType, payload, [e.Signatures[0], e.Signatures[0], e.Signatures[0]]));
        }),
        new("keyid-lie", "no key", [Signature], null, ws =>
        {
            // the attacker signs with an unknown key but claims the package functionary's keyid
            var original = ws.Envelope("package");
            ws.Sign("package", EvilStatement(ws), "attacker");
            var forged = ws.Envelope("package");
            var lie = new DsseSignature { KeyId = original.Signatures[0].KeyId, Signature = forged.Signatures[0].Signature };
            ws.Write("package", new DsseEnvelope(forged.PayloadType, forged.Payload, [lie]));
        }),
        new("attacker-cosignature", "no key", [Signature], null, ws =>
        {
            // tampered payload + the stale original signature + a valid signature by a key the policy does not know
            var original = ws.Envelope("package");
            var evil = EvilStatement(ws);
            ws.Sign("package", evil, "attacker");
            var forged = ws.Envelope("package");
            ws.Write("package", new DsseEnvelope(forged.PayloadType, forged.Payload, [original.Signatures[0], forged.Signatures[0]]));
        }),
        new("subject-substitution", "no key", [Signature], null, ws =>
        {
            // the artifact is swapped and the package subject digest edited to match; the signature is stale
            ws.ReplacePayload("package", Encoding.UTF8.GetBytes(EvilStatement(ws).ToJsonString()));
        }),
        new("artifact-substituted", "no key", [NotFound], "no collections found", ws => WriteEvilArtifact(ws)),
        new("step-evidence-deleted", "no key", [NotFound], "'test'", ws => File.Delete(ws.EvidenceFile("test"))),
        new("signatures-removed", "no key", [Unreadable], "signature", ws =>
        {
            var raw = ws.RawEnvelope("package");
            raw["signatures"] = new JsonArray();
            ws.WriteRaw("package", raw.ToJsonString());
        }),
        new("unsigned-bare-statement", "no key", [Unreadable, Signature, NotFound], null, ws =>
            ws.WriteRaw("package", ws.Statement("package").ToJsonString())),

        // ── encoding and JSON parser differentials ──
        new("base64-url-safe-payload", "no key", [Unreadable], "base64", ws => EditPayloadText(ws, b64 =>
            b64.Contains('+') || b64.Contains('/') ? b64.Replace('+', '-').Replace('/', '_') : throw new InvalidOperationException("no +/ in payload"))),
        new("base64-unpadded-payload", "no key", [Unreadable], "base64", ws => EditPayloadText(ws, b64 =>
            b64.EndsWith('=') ? b64.TrimEnd('=') : throw new InvalidOperationException("payload needs no padding"))),
        new("base64-space-inside", "no key", [Unreadable], "base64", ws => EditPayloadText(ws, b64 => b64.Insert(40, " "))),
        new("base64-url-safe-signature", "no key", [Unreadable, Signature], null, ws =>
        {
            var raw = ws.RawEnvelope("package");
            var sig = raw["signatures"]![0]!["sig"]!.GetValue<string>();
            raw["signatures"]![0]!["sig"] = sig.TrimEnd('=').Replace('+', '-').Replace('/', '_') + "#";
            ws.WriteRaw("package", raw.ToJsonString());
        }),
        new("duplicate-json-key-payload", "no key", [Unreadable], "duplicate", ws =>
        {
            // {"payload": <evil>, "payload": <original>, ...}: first-wins and last-wins parsers disagree -> refuse
            var raw = File.ReadAllText(ws.EvidenceFile("package"));
            var evil = Convert.ToBase64String(Encoding.UTF8.GetBytes(EvilStatement(ws).ToJsonString()));
            ws.WriteRaw("package", "{\"payload\":\"" + evil + "\"," + raw[1..]);
        }),
        new("duplicate-json-key-case-variant", "no key", [Unreadable], "duplicate", ws =>
        {
            // Go binds member names case-insensitively: "Payload" and "payload" are the same member
            var raw = File.ReadAllText(ws.EvidenceFile("package"));
            var evil = Convert.ToBase64String(Encoding.UTF8.GetBytes(EvilStatement(ws).ToJsonString()));
            ws.WriteRaw("package", raw[..^1] + ",\"Payload\":\"" + evil + "\"}");
        }),
        new("duplicate-json-key-in-signed-statement", "step key", [Unreadable, NotFound, "CIL1032"], "duplicate", ws =>
        {
            // an insider signs a statement whose "predicate" appears twice (the second one describes another step)
            var text = ws.Statement("package").ToJsonString();
            var other = ws.Statement("build")["predicate"]!.ToJsonString();
            var doubled = text[..^1] + ",\"predicate\":" + other + "}";
            ws.Sign("package", Encoding.UTF8.GetBytes(doubled), "package");
        }),
        new("trailing-garbage-after-envelope", "no key", [Unreadable], null, ws =>
            ws.WriteRaw("package", File.ReadAllText(ws.EvidenceFile("package")) + "{\"payload\":\"e30=\"}")),
        new("truncated-envelope-file", "no key", [Unreadable], null, ws =>
        {
            var bytes = File.ReadAllBytes(ws.EvidenceFile("package"));
            ws.WriteRaw("package", bytes[..(bytes.Length / 2)]);
        }),
        new("deeply-nested-envelope-json", "no key", [Unreadable], null, ws =>
            ws.WriteRaw("package", "{\"payload\":" + new string('[', 100_000) + new string(']', 100_000) + "}")),
        new("deeply-nested-signed-statement", "step key", [Unreadable, NotFound, "CIL1032", "CIL1033", "CIL1034"], null, ws =>
        {
            var s = ws.Statement("package").ToJsonString();
            var deep = s[..^1] + ",\"x\":" + new string('[', 50_000) + new string(']', 50_000) + "}";
            ws.Sign("package", Encoding.UTF8.GetBytes(deep), "package");
        }),
        new("huge-evidence-file", "no key", [Unreadable, NotFound], null, ws =>
        {
            // 48 MiB: an unsigned envelope whose payload is one huge base64 string
            var sb = new StringBuilder("{\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"keyid\":\"\",\"sig\":\"AAAA\"}],\"payload\":\"");
            sb.Append('A', 48 * 1024 * 1024).Append("\"}");
            File.Delete(ws.EvidenceFile("package"));
            File.WriteAllText(Path.Combine(ws.EvidenceDirectory, "huge.json"), sb.ToString());
        }),

        // ── semantic lies signed by a step key (caught by the policy, not the signature) ──
        new("collection-renamed-to-other-step", "step key", [Functionary], "functionar", ws =>
        {
            // whoever holds the build key forges the package step: build's collection renamed, evil artifact as subject
            var s = ws.Statement("build");
            s["predicate"]!["name"] = "package";
            var evil = WriteEvilArtifact(ws);
            s["subject"]!.AsArray().Add(new JsonObject
            {
                ["name"] = "https://aflock.ai/attestations/product/v0.3/file:" + Pipeline.PackageFileName,
                ["digest"] = new JsonObject { ["sha256"] = evil },
            });
            ws.Sign("package", s, "build");
        }),
        new("step-signed-by-other-functionary", "step key", [Functionary], "functionar", ws =>
            ws.Sign("build", ws.Statement("build"), "test")),
        new("attestation-type-swapped-dialect", "step key", [MissingType, Unreadable, "CIL1034"], null, ws =>
        {
            // the v0.3 product tree relabelled as Witness product v0.1 (a different shape under another URI)
            var s = ws.Statement("package");
            foreach (var e in s["predicate"]!["attestations"]!.AsArray())
            {
                if (e!["type"]!.GetValue<string>() == "https://aflock.ai/attestations/product/v0.3")
                {
                    e["type"] = "https://witness.dev/attestations/product/v0.1";
                }
            }

            ws.Sign("package", s, "package");
        }),
        new("predicate-type-not-collection", "step key", [NotCollection, NotFound], null, ws =>
        {
            var s = ws.Statement("package");
            s["predicateType"] = "https://slsa.dev/provenance/v1";
            ws.Sign("package", s, "package");
        }),
        new("required-attestation-removed", "step key", [MissingType], "command-run", ws =>
        {
            var s = ws.Statement("package");
            var list = s["predicate"]!["attestations"]!.AsArray();
            list.Remove(list.First(e => e!["type"]!.GetValue<string>().Contains("/command-run/", StringComparison.Ordinal)));
            ws.Sign("package", s, "package");
        }),
        new("merkle-leaf-digest-changed", "step key", [Merkle, MerkleShape], null, ws =>
        {
            // a product leaf claims the evil package while merkleRoot (and the tree:products subject) stay honest
            var s = ws.Statement("package");
            var evil = WriteEvilArtifact(ws);
            var tree = TamperWorkspace.Attestation(s, "/product/");
            tree["leaves"]![0]!["fileDigest"] = evil;
            s["subject"]!.AsArray().Add(new JsonObject { ["name"] = "https://aflock.ai/attestations/product/v0.3/file:evil", ["digest"] = new JsonObject { ["sha256"] = evil } });
            ws.Sign("package", s, "package");
        }),
        new("merkle-tree-size-lie", "step key", [Merkle, MerkleShape], null, ws =>
        {
            var s = ws.Statement("package");
            TamperWorkspace.Attestation(s, "/material/")["treeSize"] = 1;
            ws.Sign("package", s, "package");
        }),
        new("merkle-duplicate-leaf-path", "step key", [Merkle, MerkleShape], null, ws =>
        {
            var s = ws.Statement("package");
            var leaves = TamperWorkspace.Attestation(s, "/material/")["leaves"]!.AsArray();
            leaves.Add(leaves[0]!.DeepClone());
            ws.Sign("package", s, "package");
        }),
        new("merkle-root-not-rebuilt", "step key", [Merkle, MerkleShape], null, ws =>
        {
            var s = ws.Statement("package");
            TamperWorkspace.Attestation(s, "/material/")["merkleRoot"] = Convert.ToHexStringLower(SHA256.HashData("other"u8));
            ws.Sign("package", s, "package");
        }),
        new("material-substituted-between-steps", "step key", [Substituted], "lib.dll", ws =>
        {
            // the package step consumed a different lib.dll than build produced; its own tree is self-consistent
            var s = ws.Statement("package");
            var tree = TamperWorkspace.Attestation(s, "/material/");
            var files = tree["leaves"]!.AsArray().ToDictionary(l => l!["path"]!.GetValue<string>(), l => l!["fileDigest"]!.GetValue<string>());
            files["lib.dll"] = Convert.ToHexStringLower(SHA256.HashData("backdoored lib\n"u8));
            RebuildTree(s, tree, files);
            ws.Sign("package", s, "package");
        }),
        new("timestamps-from-the-future", "step key", [Future], "future", ws =>
        {
            var s = ws.Statement("package");
            foreach (var e in s["predicate"]!["attestations"]!.AsArray())
            {
                e!["starttime"] = "2099-01-01T00:00:00Z";
                e["endtime"] = "2099-01-01T00:00:01Z";
            }

            ws.Sign("package", s, "package");
        }),
        new("symlinked-product-escaping-root", "step key", [NotFound, Substituted], null, ws =>
        {
            // the package step is re-run where App.1.0.0.nupkg is a symlink to a file outside the tree: the recorder
            // must not follow it, so the outside file (the evil package) is never bound by the evidence
            var work = Path.Combine(ws.Root, "work2");
            Directory.CreateDirectory(work);
            foreach (var f in new[] { "src.txt", "lib.dll", "test.log" })
            {
                File.Copy(Path.Combine(ws.Baseline.Work, f), Path.Combine(work, f));
            }

            WriteEvilArtifact(ws);
            File.CreateSymbolicLink(Path.Combine(work, Pipeline.PackageFileName), ws.Artifact);
            var result = StepRecordingOperation.CreateDefault().Execute(new StepRecordingOptions
            {
                StepName = "package",
                EvidencePath = ws.EvidenceFile("package"),
                ProjectDirectory = work,
                WorkingDirectory = work,
                Attestors = ["environment", "material", "command-run", "product"],
                FileLinks = StepFileLinks.ProductSubjects | StepFileLinks.MaterialBackRefs,
                Command = ["dotnet", "pack"],
                KeyPath = ws.Baseline.Key("package"),
            });
            if (result.EnvelopePath is null)
            {
                throw new InvalidOperationException(string.Join("; ", result.Diagnostics));
            }
        }),

        // ── the policy itself ──
        new("policy-payload-edited", "policy", ["CIL3003"], null, ws =>
        {
            var e = DsseEnvelope.Parse(File.ReadAllText(ws.PolicyPath));
            var policy = JsonNode.Parse(e.Payload)!.AsObject();
            policy["expires"] = "2099-01-01T00:00:00Z";
            File.WriteAllText(ws.PolicyPath, new DsseEnvelope(e.PayloadType, Encoding.UTF8.GetBytes(policy.ToJsonString()), e.Signatures).ToJson());
        }),
        new("policy-resigned-by-attacker", "policy", ["CIL3003"], null, ws =>
        {
            var policy = ws.Baseline.PolicyDocument();
            policy["steps"]!["package"]!["functionaries"] = new JsonArray(new JsonObject { ["type"] = "publickey", ["publickeyid"] = "0000" });
            ws.Baseline.SignPolicy(Encoding.UTF8.GetBytes(policy.ToJsonString()), ws.Baseline.Key("attacker"), ws.PolicyPath);
            WriteEvilArtifact(ws);
        }),
        new("policy-expired-replayed", "policy", ["CIL3004"], "expire", ws =>
            ws.Baseline.SignPolicy(
                Encoding.UTF8.GetBytes(ws.Baseline.PolicyDocument(DateTimeOffset.UtcNow.AddDays(-1)).ToJsonString()),
                ws.Baseline.Key("policy"),
                ws.PolicyPath)),
    ];

    /// <summary>Writes an evil package as the artifact; returns its sha256.</summary>
    public static string WriteEvilArtifact(TamperWorkspace ws)
    {
        var bytes = Pipeline.CreateNupkg("App", "1.0.0", "backdoored lib\n"u8.ToArray());
        File.WriteAllBytes(ws.Artifact, bytes);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    /// <summary>The package statement with its package digest replaced by the evil package's (artifact swapped too).</summary>
    private static JsonObject EvilStatement(TamperWorkspace ws)
    {
        var good = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(ws.Artifact)));
        var evil = WriteEvilArtifact(ws);
        return JsonNode.Parse(ws.Statement("package").ToJsonString().Replace(good, evil, StringComparison.Ordinal))!.AsObject();
    }

    private static DsseSignature CopyWith(DsseSignature s, byte[] sig) => new()
    {
        KeyId = s.KeyId,
        Signature = sig,
        CertificatePem = s.CertificatePem,
        IntermediatePems = s.IntermediatePems,
        Timestamps = s.Timestamps,
    };

    private static void EditPayloadText(TamperWorkspace ws, Func<string, string> edit)
    {
        var raw = ws.RawEnvelope("package");
        raw["payload"] = edit(raw["payload"]!.GetValue<string>());
        ws.WriteRaw("package", raw.ToJsonString());
    }

    /// <summary>Rebuilds a v0.3 tree from <paramref name="files"/> (content-only) and its subject/backref.</summary>
    private static void RebuildTree(JsonObject statement, JsonObject tree, Dictionary<string, string> files)
    {
        var leaves = MerkleTree.BuildLeaves(files);
        var root = MerkleTree.RootOf(leaves);
        var old = tree["merkleRoot"]!.GetValue<string>();
        tree["merkleRoot"] = root;
        tree["treeSize"] = leaves.Count;
        tree["leaves"] = new JsonArray([.. leaves.Select(l => (JsonNode)new JsonObject { ["path"] = l.Path, ["fileDigest"] = l.FileDigest, ["leafHash"] = l.LeafHash })]);
        var text = statement.ToJsonString().Replace(old, root, StringComparison.Ordinal);
        var rebuilt = JsonNode.Parse(text)!.AsObject();
        foreach (var key in statement.Select(p => p.Key).ToList())
        {
            statement[key] = rebuilt[key]!.DeepClone();
        }
    }
}
