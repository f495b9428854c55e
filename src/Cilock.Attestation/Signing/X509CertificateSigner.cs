using System.Security.Cryptography.X509Certificates;
using Cilock.Attestation.Crypto;
using Cilock.Attestation.Diagnostics;

namespace Cilock.Attestation.Signing;

/// <summary>
/// A key signer that also carries its leaf certificate and intermediates into every DSSE signature. The keyid is the
/// keyid of the leaf's public key, so a <c>publickeyid</c> functionary can match it too (spec dsse-and-keys.md §4).
/// </summary>
public sealed class X509CertificateSigner : ISigner
{
    private readonly ISigner _inner;

    /// <summary>Wraps <paramref name="keySigner"/> with its certificate.</summary>
    /// <param name="keySigner">The signer holding the certificate's private key.</param>
    /// <param name="certificatePem">The leaf certificate, PEM.</param>
    /// <param name="intermediatePems">Intermediate certificates, PEM, leaf-side first.</param>
    /// <exception cref="CilockException">CIL1016 when a certificate is unreadable or the leaf is for another key.</exception>
    public X509CertificateSigner(ISigner keySigner, string certificatePem, IEnumerable<string>? intermediatePems = null)
    {
        ArgumentNullException.ThrowIfNull(keySigner);
        ArgumentNullException.ThrowIfNull(certificatePem);
        using var leaf = Crypto.CertificatePem.Parse(certificatePem, "signing certificate");
        var leafKeyId = Signing.KeyId.Compute(leaf.PublicKey.ExportSubjectPublicKeyInfo());
        if (!string.Equals(leafKeyId, keySigner.KeyId, StringComparison.Ordinal))
        {
            throw new CilockException(
                CryptoDiagnostics.CertificateMalformed,
                $"the signing certificate '{leaf.Subject}' is for key {leafKeyId}, not for the signing key {keySigner.KeyId}");
        }

        var intermediates = new List<string>();
        foreach (var pem in intermediatePems ?? [])
        {
            using var cert = Crypto.CertificatePem.Parse(pem, "intermediate certificate");
            intermediates.Add(Crypto.CertificatePem.ToPem(cert));
        }

        _inner = keySigner;
        CertificatePem = Crypto.CertificatePem.ToPem(leaf);
        IntermediatePems = intermediates;
    }

    /// <inheritdoc />
    public string KeyId => _inner.KeyId;

    /// <inheritdoc />
    public string? CertificatePem { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> IntermediatePems { get; }

    /// <inheritdoc />
    public byte[] Sign(ReadOnlySpan<byte> data) => _inner.Sign(data);
}
