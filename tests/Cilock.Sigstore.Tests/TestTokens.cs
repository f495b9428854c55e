using System.Text;

namespace Cilock.Sigstore.Tests;

/// <summary>Unsigned JWTs for tests (Fulcio fakes do not check signatures).</summary>
internal static class TestTokens
{
    public static string Create(string claimsJson) =>
        Segment("""{"alg":"none","typ":"JWT"}""") + "." + Segment(claimsJson) + ".c2lnbmF0dXJlLXBsYW50ZWQ";

    /// <summary>A token whose claims carry a unique marker, to grep outputs for.</summary>
    public static string Planted(out string marker)
    {
        marker = "planted-" + Guid.NewGuid().ToString("N");
        return Create($$"""{"iss":"https://issuer.example","sub":"repo:acme/app:ref:refs/heads/main","secret_marker":"{{marker}}"}""");
    }

    private static string Segment(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
