using System.Globalization;
using System.Text;
using Cilock.Sigstore.Bundles;
using Cilock.Sigstore.Verification;

namespace Cilock.Sigstore.Transparency;

/// <summary>
/// Rekor v1's signed entry timestamp: the log's signature over the canonical JSON (RFC 8785: sorted keys, no spaces)
/// <c>{"body":…,"integratedTime":…,"logID":…,"logIndex":…}</c> with the body in base64 and the log id in hex.
/// </summary>
internal static class SignedEntryTimestamp
{
    public static byte[] Payload(TransparencyLogEntry entry) => Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
        $"{{\"body\":\"{Convert.ToBase64String(entry.CanonicalizedBody)}\",\"integratedTime\":{entry.IntegratedTime},\"logID\":\"{Convert.ToHexStringLower(entry.LogId.KeyId)}\",\"logIndex\":{entry.LogIndex}}}"));

    public static bool Verify(TransparencyLogEntry entry, SigstorePublicKey logKey) =>
        entry.InclusionPromise is { SignedEntryTimestamp.Length: > 0 } promise && logKey.VerifyData(Payload(entry), promise.SignedEntryTimestamp);
}
