using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Signing;

namespace Cilock.Operations.Tests.Reporting;

/// <summary>A small two-step pipeline (build → pack) with every optional kind of evidence, including hostile names.</summary>
internal static class ReportEvidence
{
    public const string Hostile = "<script>alert('owned')</script>.dll";
    public const string DllDigest = "0d2f1a7c9e3b4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f90";
    public const string NupkgDigest = "9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b";
    public const string SecretSha = "4bc0a1e1f6a55c5cfcd16f5a5b7a1d2c3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b";

    public static DsseEnvelope Build(ISigner signer) => Sign(signer, "build", [
        Entry("https://aflock.ai/attestations/material/v0.1", new JsonObject { ["src/Lib.cs"] = new JsonObject { ["sha256"] = new string('1', 64) } }),
        Entry("https://aflock.ai/attestations/command-run/v0.1", new JsonObject { ["cmd"] = new JsonArray("dotnet", "build"), ["exitcode"] = 0 }),
        Entry("https://aflock.ai/attestations/product/v0.1", new JsonObject
        {
            ["bin/Lib.dll"] = new JsonObject { ["mime_type"] = "application/octet-stream", ["digest"] = new JsonObject { ["sha256"] = DllDigest } },
            [Hostile] = new JsonObject { ["mime_type"] = "text/plain", ["digest"] = new JsonObject { ["sha256"] = new string('2', 64) } },
        }),
        Entry("https://aflock.ai/attestations/github/v0.1", new JsonObject
        {
            ["pipelinename"] = "ci", ["pipelineurl"] = "https://github.com/octo-org/hello-lib/actions/runs/42", ["actor"] = "octocat",
            ["jwt"] = new JsonObject { ["claims"] = new JsonObject { ["sub"] = "repo:octo-org/hello-lib:ref:refs/heads/main" } },
        }),
        Entry("https://aflock.ai/attestations/secretscan/v0.1", new JsonObject
        {
            ["findings"] = new JsonArray(new JsonObject
            {
                ["ruleId"] = "nuget-api-key", ["location"] = "attestation:command-run", ["startLine"] = 12,
                ["secret"] = new JsonObject { ["sha256"] = SecretSha }, ["match"] = "oy2ab3c4...",
            }),
        }),
    ]);

    public static DsseEnvelope Pack(ISigner signer) => Sign(signer, "pack", [
        Entry("https://aflock.ai/attestations/material/v0.1", new JsonObject { ["bin/Lib.dll"] = new JsonObject { ["sha256"] = DllDigest } }),
        Entry("https://aflock.ai/attestations/product/v0.1", new JsonObject
        {
            ["bin/Hello.Lib.1.0.0.nupkg"] = new JsonObject { ["mime_type"] = "application/zip", ["digest"] = new JsonObject { ["sha256"] = NupkgDigest } },
        }),
        Entry("https://cyclonedx.org/bom", JsonNode.Parse("""{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"name":"Newtonsoft.Json","version":"13.0.3","purl":"pkg:nuget/Newtonsoft.Json@13.0.3"}]}""")!),
        Entry("https://aflock.ai/attestations/sarif/v0.1", JsonNode.Parse("""{"report":{"version":"2.1.0","runs":[{"results":[{"ruleId":"CA2100","level":"warning","message":{"text":"Review SQL queries"},"locations":[{"physicalLocation":{"artifactLocation":{"uri":"src/Db.cs"},"region":{"startLine":7}}}]}]}]},"reportFileName":"a.sarif","reportDigestSet":{"sha256":"00"}}""")!),
        Entry("https://aflock.ai/attestations/test-results/v0.1", JsonNode.Parse("""{"predicate":{"format":"junit-xml","summary":{"total":12,"passed":11,"failed":1,"skipped":0,"durationSeconds":1.5},"failedTests":[{"name":"Lib.Tests.Parse_Empty_Throws","message":"expected CilockException"}],"reportFile":"t.xml","reportDigest":{"sha256":"00"}}}""")!),
    ]);

    /// <summary>A pack step in the v0.3 (Merkle tree) material/product shape the SDK writes.</summary>
    public static DsseEnvelope PackTree(ISigner signer) => Sign(signer, "pack", [
        Entry("https://aflock.ai/attestations/material/v0.3", Tree(("obj/Lib.dll", DllDigest))),
        Entry("https://aflock.ai/attestations/product/v0.3", Tree(("bin/Hello.Lib.1.0.0.nupkg", NupkgDigest), ("bin/Hello.Lib.1.0.0.snupkg", new string('5', 64)))),
    ]);

    public static JsonObject Vsa(bool passed) => new()
    {
        ["_type"] = "https://in-toto.io/Statement/v1",
        ["subject"] = new JsonArray(),
        ["predicateType"] = "https://slsa.dev/verification_summary/v1",
        ["predicate"] = new JsonObject
        {
            ["verifier"] = new JsonObject { ["id"] = "cilock" },
            ["timeVerified"] = "2026-12-02T08:00:00Z",
            ["resourceUri"] = "Hello.Lib.1.0.0.nupkg",
            ["policy"] = new JsonObject { ["uri"] = "x", ["digest"] = new JsonObject { ["sha256"] = new string('7', 64) } },
            ["verificationResult"] = passed ? "PASSED" : "FAILED",
            ["denyReasons"] = passed ? new JsonArray() : new JsonArray(new JsonObject { ["collection_name"] = "build", ["message"] = "CIL3201: deny: secret <b>found</b>" }),
        },
    };

    // The report trusts nothing, so the root and leaf hashes need not be real here.
    private static JsonObject Tree(params (string Path, string Digest)[] files) => new()
    {
        ["merkleRoot"] = new string('0', 64),
        ["treeSize"] = files.Length,
        ["hashAlgorithm"] = "sha256",
        ["construction"] = "RFC6962",
        ["leaves"] = new JsonArray([.. files.Select(f => (JsonNode)new JsonObject { ["path"] = f.Path, ["fileDigest"] = f.Digest, ["leafHash"] = new string('1', 64) })]),
    };

    private static JsonObject Entry(string type, JsonNode attestation) => new()
    {
        ["type"] = type,
        ["attestation"] = attestation,
        ["starttime"] = "2026-12-02T07:59:00Z",
        ["endtime"] = "2026-12-02T07:59:30Z",
    };

    private static DsseEnvelope Sign(ISigner signer, string step, JsonObject[] entries)
    {
        var predicate = new JsonObject { ["name"] = step, ["attestations"] = new JsonArray([.. entries]) };
        var statement = new Statement(AttestationTypes.CollectionCilock, [new Subject("https://aflock.ai/attestations/product/v0.1/file:x", [new("sha256", NupkgDigest)])], predicate);
        return DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, statement.ToJsonBytes(), [signer]);
    }
}
