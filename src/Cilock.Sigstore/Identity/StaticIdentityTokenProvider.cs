namespace Cilock.Sigstore.Identity;

/// <summary>A token given as a value (option or environment variable); parsed on every request so errors surface at use.</summary>
internal sealed class StaticIdentityTokenProvider(string token, string name) : IIdentityTokenProvider
{
    public string Name { get; } = name;

    public Task<IdentityToken> GetTokenAsync(CancellationToken ct) => Task.FromResult(IdentityToken.Parse(token, Name));
}
