using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.Attestation.Hashing;
using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Attestors.Product;

/// <summary>
/// Records the outputs of a step (spec attestors.md §3). Walking mode: every file of the working directory whose
/// digest set is new or differs from the materials recorded earlier, or that was written after the execute phase
/// began (same bytes rewritten, as deterministic builds do). List mode (<see cref="FileList"/>): exactly the
/// listed files, whatever the materials. The witness profile writes v0.1 (<c>{mime_type, digest}</c> map; the
/// product globs only filter the <c>file:</c> subjects); the cilock dialect writes v0.3 (the globs filter the leaves;
/// <c>leaves</c> omitted when empty; <c>tree:products</c> subject and backref always present).
/// </summary>
public sealed class ProductAttestor : IAttestor, IProducer, ISubjecter, IBackReffer
{
    /// <summary>The attestor name.</summary>
    public const string AttestorName = "product";

    /// <summary>The subject and backref key of the v0.3 tree.</summary>
    public const string TreeKey = "tree:products";

    private readonly FileList? _files;
    private IReadOnlyDictionary<string, ProductFile> _products = new Dictionary<string, ProductFile>();
    private IReadOnlyList<string> _include = [];
    private IReadOnlyList<string> _exclude = [];
    private MerkleTreePredicate? _tree;

    /// <summary>Creates an attestor that walks the working directory after the command.</summary>
    public ProductAttestor()
    {
    }

    /// <summary>Creates an attestor that records exactly <paramref name="files"/> (naming rules on <see cref="FileList"/>).</summary>
    public ProductAttestor(FileList files)
    {
        ArgumentNullException.ThrowIfNull(files);
        _files = files;
    }

    /// <inheritdoc />
    public string Name => AttestorName;

    /// <inheritdoc />
    public AttestationPhase Phase => AttestationPhase.Product;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, ProductFile> Products => _products;

    /// <summary>The v0.3 tree over the selected products (after the run).</summary>
    public MerkleTreePredicate? Tree => _tree;

    /// <inheritdoc />
    public string PredicateType(Dialect dialect) =>
        dialect == Dialect.Witness ? AttestationTypes.ProductWitness : AttestationTypes.ProductCilock;

    /// <inheritdoc />
    public async ValueTask AttestAsync(AttestationContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        _include = context.Options.ProductIncludeGlobs;
        _exclude = context.Options.ProductExcludeGlobs;
        var hashed = await FileRecording.HashAsync(context, _files, [], [], ct).ConfigureAwait(false);
        var materials = context.Materials;
        var fullPaths = _files?.Resolve().ToDictionary(f => f.Name, f => f.FullPath, StringComparer.Ordinal);
        var products = new SortedDictionary<string, ProductFile>(Utf8Order.Instance);
        foreach (var (path, digest) in hashed)
        {
            // Unchanged inputs are not products (walking mode only: a listed file is a product by definition). Like
            // cilock, a file the command rewrote with identical bytes (deterministic builds do) still is one.
            var full = fullPaths is null ? Path.Combine(context.WorkingDirectory, path) : fullPaths[path];
            if (_files is null && materials.TryGetValue(path, out var material) && material.Matches(digest)
                && !WrittenDuringStep(full, context.ExecuteStartedUtc))
            {
                continue;
            }

            var mime = digest.ContainsKey(DigestSet.DirHash) ? MimeSniffer.Directory : MimeSniffer.Sniff(full);
            products[path] = new ProductFile(digest, mime, ProductKinds.Of(path));
        }

        _products = products;
        _tree = MerkleTreePredicate.Create(
            FileRecording.Sha256Pairs(products.Where(kv => Selected(kv.Key)).Select(kv => new KeyValuePair<string, DigestSet>(kv.Key, kv.Value.Digest))),
            ProductKinds.Of);
    }

    /// <inheritdoc />
    public JsonNode? ToJson(Dialect dialect)
    {
        if (dialect == Dialect.Cilock)
        {
            return _tree?.ToJson(writeEmptyLeaves: false);
        }

        var result = new JsonObject();
        foreach (var (path, product) in _products)
        {
            result[path] = new JsonObject { ["mime_type"] = product.MimeType, ["digest"] = FileRecording.DigestNode(product.Digest) };
        }

        return result;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, DigestSet> GetSubjects(Dialect dialect)
    {
        if (dialect == Dialect.Cilock)
        {
            return TreeRef();
        }

        var subjects = new Dictionary<string, DigestSet>(StringComparer.Ordinal);
        foreach (var (path, product) in _products.Where(kv => Selected(kv.Key)))
        {
            subjects[(product.MimeType == MimeSniffer.Directory ? "dir:" : "file:") + path] = product.Digest;
        }

        return subjects;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, DigestSet> GetBackRefs(Dialect dialect) => dialect == Dialect.Cilock ? TreeRef() : [];

    private Dictionary<string, DigestSet> TreeRef() =>
        _tree is null ? [] : new() { [TreeKey] = DigestSet.FromSha256(_tree.MerkleRoot) };

    private static bool WrittenDuringStep(string path, DateTimeOffset? executeStarted) =>
        executeStarted is { } started && File.Exists(path) && File.GetLastWriteTimeUtc(path) >= started.UtcDateTime;

    private bool Selected(string path) => Glob.PathSelected(path, _include, _exclude);
}
