using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Cilock.Attestation.Dsse;
using Cilock.Attestation.Signing;
using Cilock.Attestation.Tests.Crypto;

namespace Cilock.Hardening.Tests.Adversarial;

/// <summary>
/// Certificate-signed evidence: the policy's package step trusts a CA (roots) and a TSA (timestampauthorities); the
/// package collection is re-signed by a leaf of that CA with an RFC 3161 token over the signature. The leaf must be
/// valid at the token's genTime (dsse-and-keys.md §6–§8). <see cref="CertificateEvidence.ValidLeaf"/> is the positive
/// control (see <c>CertificateControlTests</c>).
/// </summary>
internal static partial class TamperCatalog
{
    private static IReadOnlyList<TamperClass> Certificates =>
    [
        new("certificate-expired-before-signing-time", "step key", [Signature], null, ws =>
            CertificateEvidence.Apply(ws, leafFrom: DateTimeOffset.UtcNow.AddDays(-2), leafTo: DateTimeOffset.UtcNow.AddDays(-1))),
        new("certificate-not-yet-valid-at-signing-time", "step key", [Signature], null, ws =>
            CertificateEvidence.Apply(ws, leafFrom: DateTimeOffset.UtcNow.AddDays(1), leafTo: DateTimeOffset.UtcNow.AddDays(2))),
        new("certificate-without-timestamp", "step key", [Signature], null, ws =>
            CertificateEvidence.Apply(ws, timestamp: false)),
        new("timestamp-over-payload-not-signature", "step key", [Signature], null, ws =>
            CertificateEvidence.Apply(ws, stampPayload: true)),
        new("timestamp-from-untrusted-tsa", "step key", [Signature], null, ws =>
            CertificateEvidence.Apply(ws, trustedTsa: false)),
    ];
}

/// <summary>Builds the CA/TSA policy and the certificate-signed package collection for the classes above.</summary>
internal static class CertificateEvidence
{
    /// <summary>A correctly signed and timestamped package collection (the control the classes deviate from).</summary>
    public static void ValidLeaf(TamperWorkspace ws) => Apply(ws);

    public static void Apply(
        TamperWorkspace ws,
        DateTimeOffset? leafFrom = null,
        DateTimeOffset? leafTo = null,
        bool timestamp = true,
        bool stampPayload = false,
        bool trustedTsa = true)
    {
        var now = DateTimeOffset.UtcNow;
        var ca = TestPki.CreateRoot("Hardening CA", now.AddYears(-5), now.AddYears(5));
        var tsaRoot = TestPki.CreateRoot("Hardening TSA Root", now.AddYears(-5), now.AddYears(5));
        var tsa = TestPki.CreateTsa(tsaRoot);
        var rogueTsa = TestPki.CreateTsa(TestPki.CreateRoot("Rogue TSA Root", now.AddYears(-5), now.AddYears(5)));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var from = leafFrom ?? now.AddMinutes(-5);
        var leaf = TestPki.CreateLeaf(ca, key, from, (leafTo ?? now.AddMinutes(5)) - from);

        var policy = ws.Baseline.PolicyDocument();
        policy["roots"] = new JsonObject { ["ca"] = new JsonObject { ["certificate"] = B64(TestPki.Pem(ca)) } };
        policy["timestampauthorities"] = new JsonObject { ["tsa"] = new JsonObject { ["certificate"] = B64(TestPki.Pem(tsaRoot)) } };
        policy["steps"]!["package"]!["functionaries"] = new JsonArray(new JsonObject
        {
            ["type"] = "root",
            ["certConstraint"] = new JsonObject
            {
                ["commonname"] = "*",
                ["dnsnames"] = new JsonArray("*"),
                ["emails"] = new JsonArray("dev@example.com"),
                ["organizations"] = new JsonArray("*"),
                ["uris"] = new JsonArray("*"),
                ["roots"] = new JsonArray("ca"),
            },
        });
        ws.Baseline.SignPolicy(Encoding.UTF8.GetBytes(policy.ToJsonString()), ws.Baseline.Key("policy"), ws.PolicyPath);

        var payload = ws.Envelope("package").Payload;
        var signer = new X509CertificateSigner(KeyLoader.LoadSignerFromPem(key.ExportPkcs8PrivateKeyPem(), []), TestPki.Pem(leaf));
        Func<byte[], byte[]>? stamp = timestamp
            ? sig => TestPki.CreateToken(stampPayload ? payload : sig, now, trustedTsa ? tsa : rogueTsa)
            : null;
        ws.Write("package", DsseSigner.Sign(DsseEnvelope.InTotoPayloadType, payload, [signer], stamp));
    }

    private static string B64(string pem) => Convert.ToBase64String(Encoding.UTF8.GetBytes(pem));
}
