using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.InToto;
using Cilock.Attestation.Signing;
using Cilock.Policy.Evidence;

namespace Cilock.Policy.Tests.Support;

/// <summary>
/// Composes one step's attestation collection in either dialect (fixtures.md §4.5–4.6): Witness = witness.dev
/// material/command-run/product v0.1 with per-file product subjects; cilock = aflock material/product v0.3 (content-only
/// Merkle leaves, <c>tree:*</c> subjects, recorded backrefs) and command-run v0.2. Signed with our DSSE signer.
/// </summary>
internal sealed class CollectionSpec(string step, Dialect dialect = Dialect.Cilock)
{
    public string Step { get; set; } = step;

    public Dialect Dialect { get; } = dialect;

    /// <summary>path → file content (digest = sha256 of the UTF-8 text).</summary>
    public Dictionary<string, string> Materials { get; } = new(StringComparer.Ordinal);

    /// <summary>path → file content.</summary>
    public Dictionary<string, string> Products { get; } = new(StringComparer.Ordinal);

    public JsonObject CommandRun { get; set; } = new() { ["cmd"] = new JsonArray("dotnet", "build"), ["exitcode"] = 0 };

    public List<(string Type, JsonNode? Attestation)> Extra { get; } = [];

    public List<Subject> ExtraSubjects { get; } = [];

    public DateTimeOffset Time { get; set; } = FixedTime.Default.AddMinutes(-30);

    public bool IncludeCommandRun { get; set; } = true;

    /// <summary>When set, a github attestation whose <c>pipelineurl:</c> subject (sha256 of the URL) links the steps.</summary>
    public string? PipelineUrl { get; set; } = "https://github.com/acme/app/actions/runs/42";

    /// <summary>Lets a test damage the predicate (e.g. a leaf list that does not rebuild its root).</summary>
    public Action<JsonObject>? Mutate { get; set; }

    public string MaterialType => Dialect == Dialect.Witness ? "https://witness.dev/attestations/material/v0.1" : AttestationTypes.MaterialCilock;

    public string ProductType => Dialect == Dialect.Witness ? "https://witness.dev/attestations/product/v0.1" : AttestationTypes.ProductCilock;

    public string CommandRunType => Dialect == Dialect.Witness ? "https://witness.dev/attestations/command-run/v0.1" : AttestationTypes.CommandRunCilock;

    public static string Sha(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    public static string ContentOnlyRoot(IEnumerable<string> digests)
    {
        var leaves = digests.Distinct().Order(StringComparer.Ordinal).Select(d => SHA256.HashData(Convert.FromHexString(d))).ToList();
        return Convert.ToHexStringLower(Mth(leaves, 0, leaves.Count));
    }

    public byte[] BuildPayload()
    {
        var entries = new JsonArray();
        var subjects = new List<Subject>(ExtraSubjects);
        var backrefs = new JsonObject();
        void Add(string type, JsonNode? attestation) => entries.Add(new JsonObject
        {
            ["type"] = type,
            ["attestation"] = attestation?.DeepClone(),
            ["starttime"] = Rfc(Time),
            ["endtime"] = Rfc(Time.AddSeconds(5)),
        });

        if (Dialect == Dialect.Witness)
        {
            var materials = new JsonObject();
            foreach (var (path, content) in Materials)
            {
                materials[path] = new JsonObject { ["sha256"] = Sha(content) };
            }

            var products = new JsonObject();
            foreach (var (path, content) in Products)
            {
                products[path] = new JsonObject { ["mime_type"] = "application/octet-stream", ["digest"] = new JsonObject { ["sha256"] = Sha(content) } };
                subjects.Add(new Subject($"{ProductType}/file:{path}", [new("sha256", Sha(content))]));
            }

            Add(MaterialType, materials);
            if (IncludeCommandRun)
            {
                Add(CommandRunType, CommandRun);
            }

            Add(ProductType, products);
        }
        else
        {
            var materials = Tree(Materials, product: false);
            var products = Tree(Products, product: true);
            Add(MaterialType, materials);
            if (IncludeCommandRun)
            {
                Add(CommandRunType, CommandRun);
            }

            Add(ProductType, products);
            foreach (var (type, tree, key) in new[] { (MaterialType, materials, "tree:materials"), (ProductType, products, "tree:products") })
            {
                var root = tree["merkleRoot"]!.GetValue<string>();
                subjects.Add(new Subject($"{type}/{key}", [new("sha256", root)]));
                backrefs[$"{type}/{key}"] = new JsonObject { ["sha256"] = root };
            }
        }

        if (PipelineUrl is { } url)
        {
            var type = Dialect == Dialect.Witness ? "https://witness.dev/attestations/github/v0.1" : "https://aflock.ai/attestations/github/v0.1";
            Add(type, new JsonObject { ["pipelineurl"] = url });
            subjects.Add(new Subject($"{type}/pipelineurl:{url}", [new("sha256", Sha(url))]));
            backrefs[$"{type}/pipelineurl:{url}"] = new JsonObject { ["sha256"] = Sha(url) };
        }

        foreach (var (type, attestation) in Extra)
        {
            Add(type, attestation);
        }

        var predicate = new JsonObject { ["name"] = Step, ["attestations"] = entries };
        if (Dialect == Dialect.Cilock)
        {
            predicate["backrefs"] = backrefs;
        }

        Mutate?.Invoke(predicate);
        return new Statement(AttestationTypes.CollectionType(Dialect), subjects, predicate).ToJsonBytes();
    }

    public EvidenceEnvelope Sign(params ISigner[] signers) => Sign(signers, null);

    public EvidenceEnvelope Sign(ISigner[] signers, Func<byte[], byte[]>? timestamp) =>
        new($"{Step}.{Dialect}.{Guid.NewGuid():N}.json", DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, BuildPayload(), signers, timestamp));

    private static JsonObject Tree(Dictionary<string, string> files, bool product)
    {
        var pairs = files.Select(kv => (Path: kv.Key, Digest: Sha(kv.Value)))
            .OrderBy(p => p.Digest, StringComparer.Ordinal).ThenBy(p => p.Path, StringComparer.Ordinal)
            .DistinctBy(p => p.Digest)
            .ToList();
        var leaves = new JsonArray();
        foreach (var (path, digest) in pairs)
        {
            leaves.Add(new JsonObject
            {
                ["path"] = path,
                ["fileDigest"] = digest,
                ["leafHash"] = Convert.ToHexStringLower(SHA256.HashData(Convert.FromHexString(digest))),
            });
        }

        var tree = new JsonObject
        {
            ["merkleRoot"] = ContentOnlyRoot(pairs.Select(p => p.Digest)),
            ["treeSize"] = pairs.Count,
            ["hashAlgorithm"] = "sha256",
            ["construction"] = "RFC6962",
        };
        if (!product || pairs.Count > 0)
        {
            tree["leaves"] = leaves;
        }

        return tree;
    }

    private static byte[] Mth(List<byte[]> d, int start, int count)
    {
        if (count == 0)
        {
            return SHA256.HashData([]);
        }

        if (count == 1)
        {
            return SHA256.HashData([0x00, .. d[start]]);
        }

        var k = 1;
        while (k * 2 < count)
        {
            k *= 2;
        }

        return SHA256.HashData([0x01, .. Mth(d, start, k), .. Mth(d, start + k, count - k)]);
    }

    private static string Rfc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
