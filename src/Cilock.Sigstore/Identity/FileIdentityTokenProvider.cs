using Cilock.Attestation.Diagnostics;
using Cilock.Sigstore.Signing;

namespace Cilock.Sigstore.Identity;

/// <summary>A token read from a file on every request (projected service-account tokens rotate).</summary>
internal sealed class FileIdentityTokenProvider(string path) : IIdentityTokenProvider
{
    public string Name => $"token file '{path}'";

    public async Task<IdentityToken> GetTokenAsync(CancellationToken ct)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CilockException(KeylessDiagnostics.NoIdentityToken, $"cannot read the identity token file '{path}': {e.Message}", e);
        }

        return IdentityToken.Parse(text, Name);
    }
}
