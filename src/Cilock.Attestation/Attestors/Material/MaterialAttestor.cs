using System.Text.Json.Nodes;
using Cilock.Attestation.Collections;
using Cilock.Attestation.Context;
using Cilock.Attestation.Hashing;
using Cilock.Attestation.InToto;

namespace Cilock.Attestation.Attestors.Material;

/// <summary>
/// Records the inputs of a step (spec attestors.md §2): by walking the working directory (material globs apply) or
/// from an explicit <see cref="FileList"/>. Writes v0.1 (flat map) in the witness profile and v0.3 (content-only
/// Merkle tree, <c>tree:materials</c> subject and backref) in the cilock dialect.
/// </summary>
public sealed class MaterialAttestor : IAttestor, IMaterialer, ISubjecter, IBackReffer
{
    /// <summary>The attestor name.</summary>
    public const string AttestorName = "material";

    /// <summary>The subject and backref key of the v0.3 tree.</summary>
    public const string TreeKey = "tree:materials";

    private readonly FileList? _files;
    private IReadOnlyDictionary<string, DigestSet> _materials = new Dictionary<string, DigestSet>();
    private MerkleTreePredicate? _tree;

    /// <summary>Creates an attestor that walks the working directory.</summary>
    public MaterialAttestor()
    {
    }

    /// <summary>Creates an attestor that records exactly <paramref name="files"/> (naming rules on <see cref="FileList"/>).</summary>
    public MaterialAttestor(FileList files)
    {
        ArgumentNullException.ThrowIfNull(files);
        _files = files;
    }

    /// <inheritdoc />
    public string Name => AttestorName;

    /// <inheritdoc />
    public AttestationPhase Phase => AttestationPhase.Material;

    /// <inheritdoc />
    public IReadOnlyDictionary<string, DigestSet> Materials => _materials;

    /// <summary>The v0.3 tree built from the materials (after the run).</summary>
    public MerkleTreePredicate? Tree => _tree;

    /// <inheritdoc />
    public string PredicateType(Dialect dialect) =>
        dialect == Dialect.Witness ? AttestationTypes.MaterialWitness : AttestationTypes.MaterialCilock;

    /// <inheritdoc />
    public async ValueTask AttestAsync(AttestationContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await FileRecording.HashAsync(
            context, _files, context.Options.MaterialIncludeGlobs, context.Options.MaterialExcludeGlobs, ct).ConfigureAwait(false);
        _materials = result;
        _tree = MerkleTreePredicate.Create(FileRecording.Sha256Pairs(result));
    }

    /// <inheritdoc />
    public JsonNode? ToJson(Dialect dialect)
    {
        if (dialect == Dialect.Witness)
        {
            return FileRecording.FlatMap(_materials);
        }

        return _tree?.ToJson(writeEmptyLeaves: true);
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, DigestSet> GetSubjects(Dialect dialect) => TreeRef(dialect);

    /// <inheritdoc />
    public IReadOnlyDictionary<string, DigestSet> GetBackRefs(Dialect dialect) => TreeRef(dialect);

    private Dictionary<string, DigestSet> TreeRef(Dialect dialect) =>
        dialect == Dialect.Cilock && _tree is not null
            ? new() { [TreeKey] = DigestSet.FromSha256(_tree.MerkleRoot) }
            : [];
}
