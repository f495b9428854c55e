using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Cilock.Attestation.Diagnostics;
using Cilock.Policy.Diagnostics;
using Cilock.Policy.Model;

namespace Cilock.Policy.Verification;

/// <summary>A decoded policy trust bundle (<c>roots</c> or <c>timestampauthorities</c> entry).</summary>
internal sealed record TrustedRoot(string Id, X509Certificate2 Anchor, IReadOnlyList<X509Certificate2> Intermediates)
{
    public static IReadOnlyList<TrustedRoot> DecodeAll(Dictionary<string, PolicyRoot>? roots, string member)
    {
        var result = new List<TrustedRoot>();
        foreach (var (id, root) in (roots ?? []).OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var anchor = DecodeCertificate(root?.Certificate, $"{member}['{id}'].certificate");
            var intermediates = (root?.Intermediates ?? [])
                .Select((c, i) => DecodeCertificate(c, $"{member}['{id}'].intermediates[{i}]"))
                .ToList();
            result.Add(new TrustedRoot(id, anchor, intermediates));
        }

        return result;
    }

    /// <summary>Decodes base64 of PEM (what Go's <c>[]byte</c> fields hold); DER is accepted as a fallback.</summary>
    public static X509Certificate2 DecodeCertificate(string? base64, string where)
    {
        if (string.IsNullOrWhiteSpace(base64))
        {
            throw new CilockException(PolicyDiagnostics.PolicyCertificateInvalid, $"{where} is empty");
        }

        try
        {
            var bytes = Convert.FromBase64String(base64);
            var text = Encoding.UTF8.GetString(bytes);
            return text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)
                ? X509Certificate2.CreateFromPem(text)
                : X509CertificateLoader.LoadCertificate(bytes);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            throw new CilockException(PolicyDiagnostics.PolicyCertificateInvalid, $"{where} is not base64 of a PEM certificate: {e.Message}", e);
        }
    }
}
