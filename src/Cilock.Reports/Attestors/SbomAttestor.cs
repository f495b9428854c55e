using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Attestors;
using Cilock.Attestation.Context;
using Cilock.Attestation.Diagnostics;
using Cilock.Attestation.Hashing;
using Cilock.Attestation.InToto;
using Cilock.Reports.Sbom;

namespace Cilock.Reports.Attestors;

/// <summary>
/// The sbom attestor (spec attestors.md §10): the attestation JSON <em>is</em> the CycloneDX or SPDX document, and
/// the entry type is <c>https://cyclonedx.org/bom</c> or <c>https://spdx.dev/Document</c> after the detected format.
/// Both dialects (Witness registers both types). The document is an explicit file (the SDK's generated SBOM) or, as
/// in cilock/Witness, the first product whose sniffed mime type is CycloneDX or SPDX JSON.
/// Subjects: <c>file:&lt;path&gt;</c> (file digest), <c>name:&lt;name&gt;</c> and <c>version:&lt;version&gt;</c>
/// (sha256 of the strings); backref (cilock) <c>name:&lt;name&gt;</c>.
/// </summary>
public sealed class SbomAttestor : IAttestor, ISubjecter, IBackReffer, IOptionalEvidence
{
    /// <summary>The attestor's name.</summary>
    public const string AttestorName = "sbom";

    private readonly string? _file;
    private SbomDocument? _document;
    private string? _relativePath;
    private DigestSet? _fileDigest;

    /// <summary>An attestor for <paramref name="file"/> (absolute or relative to the working directory), or for the first SBOM product when <c>null</c>.</summary>
    /// <param name="file">The SBOM file.</param>
    /// <param name="name">The attestor name; a step that attests two documents (CycloneDX and SPDX) needs two names.</param>
    public SbomAttestor(string? file = null, string name = AttestorName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _file = file;
        Name = name;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public AttestationPhase Phase => AttestationPhase.PostProduct;

    /// <summary>The attested document, after <see cref="AttestAsync"/>; <c>null</c> when the step had no SBOM product.</summary>
    public SbomDocument? Document => _document;

    /// <inheritdoc />
    public string PredicateType(Dialect dialect) => _document?.PredicateType ?? SbomDocument.CycloneDxType;

    /// <inheritdoc />
    public ValueTask AttestAsync(AttestationContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        string path;
        if (_file is not null)
        {
            path = Path.GetFullPath(_file, context.WorkingDirectory);
        }
        else
        {
            var product = context.Products
                .Where(p => p.Value.MimeType is SbomDocument.CycloneDxMimeType or SbomDocument.SpdxMimeType)
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => p.Key)
                .FirstOrDefault();
            if (product is null)
            {
                return ValueTask.CompletedTask;
            }

            path = Path.GetFullPath(product, context.WorkingDirectory);
        }

        _document = SbomDocument.Read(path);
        var relative = Path.GetRelativePath(context.WorkingDirectory, path).Replace('\\', '/');
        _relativePath = relative.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? path.Replace('\\', '/') : relative;
        _fileDigest = FileDigester.Compute(_document.Content.Span, context.Options.Hashes);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public bool HasEvidence => _document is not null;

    /// <inheritdoc />
    public JsonNode? ToJson(Dialect dialect) => _document?.Json.DeepClone();

    /// <inheritdoc />
    public IReadOnlyDictionary<string, DigestSet> GetSubjects(Dialect dialect)
    {
        var subjects = new SortedDictionary<string, DigestSet>(StringComparer.Ordinal);
        if (_document is null)
        {
            return subjects;
        }

        subjects[$"file:{_relativePath}"] = _fileDigest!;
        if (_document.Name is { Length: > 0 } name)
        {
            subjects[$"name:{name}"] = OfString(name);
        }

        if (_document.Version is { Length: > 0 } version)
        {
            subjects[$"version:{version}"] = OfString(version);
        }

        return subjects;
    }

    /// <inheritdoc />
    public IReadOnlyDictionary<string, DigestSet> GetBackRefs(Dialect dialect) =>
        _document?.Name is { Length: > 0 } name
            ? new Dictionary<string, DigestSet>(StringComparer.Ordinal) { [$"name:{name}"] = OfString(name) }
            : new Dictionary<string, DigestSet>(StringComparer.Ordinal);

    private static DigestSet OfString(string value) => DigestSet.FromSha256(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
