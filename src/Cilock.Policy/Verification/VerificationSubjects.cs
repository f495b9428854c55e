namespace Cilock.Policy.Verification;

/// <summary>What to verify: subject digests (<c>-s</c>) and/or an artifact's sha256 (<c>--artifactfile</c>).</summary>
/// <param name="Digests">Initial search digests (<c>[alg:]hex</c>; the algorithm prefix is stripped, hex lower-cased).</param>
/// <param name="ArtifactSha256">sha256 hex of the artifact file, which also drives the v0.3 inclusion bridge.</param>
/// <param name="ArtifactName">The artifact's file name, for reports and the VSA <c>resourceUri</c>.</param>
public sealed record VerificationSubjects(IReadOnlyList<string> Digests, string? ArtifactSha256 = null, string? ArtifactName = null);
