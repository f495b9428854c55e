using System.Security.Cryptography;
using System.Text;
using Cilock.Attestation.Diagnostics;
using Cilock.Gate.Server.Configuration;
using Cilock.Gate.Server.Diagnostics;

namespace Cilock.Gate.Server.Security;

/// <summary>
/// Maps an <c>X-NuGet-ApiKey</c> to a pusher identity. Only SHA-256 hashes of keys are held; the presented key is
/// hashed and compared against EVERY configured hash in constant time, so neither timing nor early exit reveals
/// which (or how much of a) hash matched.
/// </summary>
internal sealed class PusherAuthenticator
{
    private readonly (string Identity, byte[] Hash)[] _pushers;

    internal PusherAuthenticator(IEnumerable<PusherOptions> pushers)
    {
        var list = new List<(string, byte[])>();
        foreach (var pusher in pushers)
        {
            if (string.IsNullOrWhiteSpace(pusher.Identity))
            {
                throw new CilockException(AdmissionDiagnostics.ConfigurationInvalid, "a CilockGate:Pushers entry has no Identity");
            }

            byte[] hash;
            try
            {
                hash = Convert.FromHexString(pusher.ApiKeySha256.Trim());
            }
            catch (FormatException)
            {
                hash = [];
            }

            if (hash.Length != SHA256.HashSizeInBytes)
            {
                throw new CilockException(AdmissionDiagnostics.ConfigurationInvalid, $"pusher '{pusher.Identity}': ApiKeySha256 must be 64 hex characters (the SHA-256 of the key, e.g. printf %s KEY | sha256sum)");
            }

            list.Add((pusher.Identity, hash));
        }

        if (list.Count == 0)
        {
            throw new CilockException(AdmissionDiagnostics.ConfigurationInvalid, "no pushers configured (CilockGate:Pushers): nobody could push");
        }

        _pushers = [.. list];
    }

    /// <summary>Returns the identity the key belongs to, or <c>null</c> for a missing or unknown key.</summary>
    internal string? Authenticate(string? apiKey)
    {
        if (string.IsNullOrEmpty(apiKey))
        {
            return null;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(apiKey));
        string? identity = null;
        foreach (var (name, hash) in _pushers)
        {
            // No early exit: every entry is compared whatever matched before.
            if (CryptographicOperations.FixedTimeEquals(presented, hash) && identity is null)
            {
                identity = name;
            }
        }

        return identity;
    }

    /// <summary>The SHA-256 hex of a key, as <see cref="PusherOptions.ApiKeySha256"/> expects.</summary>
    internal static string Hash(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
}
