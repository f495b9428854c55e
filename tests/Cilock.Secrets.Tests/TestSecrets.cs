using System.Security.Cryptography;
using System.Text;

namespace Cilock.Secrets.Tests;

/// <summary>Planted, made-up secrets (random-looking but fake) and helpers shared by the tests.</summary>
internal static class TestSecrets
{
    /// <summary>A GitHub PAT-shaped token (ghp_ + 36 alphanumerics).</summary>
    public const string GitHubPat = "ghp_R8bXq2Lm9Kp4TzWv7YnH3cJd6FsA1gE0uQxB";

    /// <summary>A NuGet API key-shaped token (oy2 + 43 lowercase alphanumerics).</summary>
    public const string NuGetKey = "oy2kq7d3m1x9v0b5n8c2z4l6j7h3g1f5d9s2a8p4w6e3rt";

    /// <summary>A Stripe live secret key-shaped token.</summary>
    public const string StripeKey = "sk_live_4eC39HqLyjWDarjtT1zdp7dcQ9xY2mN8";

    public static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    /// <summary>Every byte as %XX (what a URL encoder that escapes everything produces).</summary>
    public static string PercentEncodeAll(string value) =>
        string.Concat(Encoding.UTF8.GetBytes(value).Select(b => $"%{b:X2}"));

    public static string Base64(string value) => Convert.ToBase64String(Encoding.UTF8.GetBytes(value));

    public static string Hex(string value) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(value));
}
