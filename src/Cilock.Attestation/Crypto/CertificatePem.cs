using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Attestation.Crypto;

/// <summary>Reads and writes X.509 certificates as PEM text, the form DSSE signatures and policies carry them in.</summary>
public static class CertificatePem
{
    /// <summary>Parses the first <c>CERTIFICATE</c> block of <paramref name="pem"/> (raw DER is refused, as in Go).</summary>
    /// <param name="pem">PEM text.</param>
    /// <param name="what">What the certificate is, for the error message.</param>
    /// <exception cref="CilockException">CIL1016 when there is no valid certificate block.</exception>
    public static X509Certificate2 Parse(string pem, string what = "certificate")
    {
        ArgumentNullException.ThrowIfNull(pem);
        if (TryParse(pem, out var cert))
        {
            return cert;
        }

        throw new CilockException(CryptoDiagnostics.CertificateMalformed, $"the {what} is not a PEM CERTIFICATE");
    }

    /// <summary>Parses every <c>CERTIFICATE</c> block of <paramref name="pem"/> (a bundle).</summary>
    /// <exception cref="CilockException">CIL1016 when a block is invalid or there is none.</exception>
    public static IReadOnlyList<X509Certificate2> ParseAll(string pem, string what = "certificate bundle")
    {
        ArgumentNullException.ThrowIfNull(pem);
        var result = new List<X509Certificate2>();
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                try
                {
                    result.Add(X509CertificateLoader.LoadCertificate(Convert.FromBase64String(rest[fields.Base64Data].ToString())));
                }
                catch (Exception e) when (e is CryptographicException or FormatException)
                {
                    throw new CilockException(CryptoDiagnostics.CertificateMalformed, $"the {what} holds an unreadable certificate: {e.Message}", e);
                }
            }

            rest = rest[fields.Location.End..];
        }

        return result.Count > 0
            ? result
            : throw new CilockException(CryptoDiagnostics.CertificateMalformed, $"the {what} holds no PEM CERTIFICATE");
    }

    /// <summary>Tries to parse the first <c>CERTIFICATE</c> block; never throws.</summary>
    public static bool TryParse(string? pem, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out X509Certificate2? certificate)
    {
        certificate = null;
        var rest = pem.AsSpan();
        while (PemEncoding.TryFind(rest, out var fields))
        {
            if (rest[fields.Label].SequenceEqual("CERTIFICATE"))
            {
                try
                {
                    certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(rest[fields.Base64Data].ToString()));
                    return true;
                }
                catch (Exception e) when (e is CryptographicException or FormatException)
                {
                    return false;
                }
            }

            rest = rest[fields.Location.End..];
        }

        return false;
    }

    /// <summary>The certificate as PEM text with LF line endings and a trailing LF (what Go's <c>pem.Encode</c> writes).</summary>
    public static string ToPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return PemEncoding.WriteString("CERTIFICATE", certificate.RawData) + "\n";
    }
}
