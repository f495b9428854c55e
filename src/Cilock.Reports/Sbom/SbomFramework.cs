namespace Cilock.Reports.Sbom;

/// <summary>
/// One target framework of a multi-targeted product: the per-TFM node between the product and its direct
/// dependencies, so every edge of the graph belongs to exactly one framework.
/// </summary>
/// <param name="Name">The target framework (<c>net10.0</c>, <c>netstandard2.0</c>).</param>
/// <param name="Ref">Its bom-ref: <c>&lt;product purl&gt;#&lt;tfm&gt;</c>.</param>
/// <param name="Direct">Refs of its direct dependencies (packages and projects) → <c>true</c> when required in this framework.</param>
/// <param name="Files">The product files built for this framework (<c>lib/&lt;tfm&gt;/…</c>).</param>
/// <param name="AssemblySha256">SHA-256 of the framework's assembly, when it is among the files.</param>
internal sealed record SbomFramework(
    string Name,
    string Ref,
    IReadOnlyDictionary<string, bool> Direct,
    IReadOnlyList<SbomHashedFile> Files,
    string? AssemblySha256);
