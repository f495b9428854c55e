namespace Cilock.Reports.Sbom;

/// <summary>A product file with its digests (SPDX requires SHA-1 for files; everything else uses SHA-256).</summary>
internal sealed record SbomHashedFile(string Name, string Sha256, string Sha1);
