using System.Security.Cryptography;
using System.Text;

namespace Cilock.Operations.Tests.Run;

/// <summary>Made-up, secret-shaped values for the secret-scan tests, built at run time so no such literal sits in the repository.</summary>
internal static class RunSecretPlanted
{
    public static readonly string GitHubPat = "ghp_" + "R8bXq2Lm9Kp4TzWv7YnH3cJd6FsA1gE0" + "uQxB";
    public static readonly string NuGetKey = "oy2" + "kq7d3m1x9v0b5n8c2z4l6j7h3g1f5d9s2a8p4w6e3rt";
    public static readonly string StripeKey = "sk_" + "live_4eC39HqLyjWDarjtT1zdp7dcQ9xY2mN8";

    public static string Sha256(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));
}
