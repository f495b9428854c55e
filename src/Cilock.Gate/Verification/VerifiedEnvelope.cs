namespace Cilock.Gate.Verification;

/// <summary>
/// One envelope that made a passing verdict pass: a collection that satisfied a policy step (or external). The gate
/// publishes exactly these beside a package in a folder feed when the evidence was not the package's own sidecar.
/// </summary>
/// <param name="Reference">Where the envelope was read from, as the evidence reader names it (<c>path</c> or <c>path#line</c>).</param>
/// <param name="PayloadSha256">Lowercase hex sha256 of the envelope's payload bytes.</param>
public sealed record VerifiedEnvelope(string Reference, string PayloadSha256);
