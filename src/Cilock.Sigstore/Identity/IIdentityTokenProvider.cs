namespace Cilock.Sigstore.Identity;

/// <summary>A source of OIDC identity tokens for Fulcio (CI platform endpoint, environment variable, file, value).</summary>
public interface IIdentityTokenProvider
{
    /// <summary>The source's name for messages (e.g. <c>GitHub Actions</c>); never the token.</summary>
    string Name { get; }

    /// <summary>Fetches a token (providers backed by an endpoint ask for a fresh one on every call).</summary>
    /// <exception cref="Attestation.Diagnostics.CilockException">CIL6101 unusable token, CIL6102 the endpoint failed, CIL6103/CIL6104 HTTP failures.</exception>
    Task<IdentityToken> GetTokenAsync(CancellationToken ct);
}
