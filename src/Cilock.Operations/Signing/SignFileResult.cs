namespace Cilock.Operations.Signing;

/// <summary>What <see cref="SignFileOperation"/> wrote.</summary>
/// <param name="EnvelopePath">The DSSE envelope.</param>
/// <param name="BundlePath">The Sigstore bundle beside it (keyless only).</param>
/// <param name="Identity">The certificate identity (keyless only).</param>
public sealed record SignFileResult(string EnvelopePath, string? BundlePath, string? Identity);
