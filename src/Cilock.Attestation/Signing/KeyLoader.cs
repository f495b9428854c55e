using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Cilock.Attestation.Crypto;
using Cilock.Attestation.Diagnostics;
using Org.BouncyCastle.OpenSsl;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace Cilock.Attestation.Signing;

/// <summary>
/// Loads signing and verification keys from PEM (spec dsse-and-keys.md §5.2). Private: PKCS#8, encrypted PKCS#8,
/// PKCS#1 <c>RSA PRIVATE KEY</c>, SEC1 <c>EC PRIVATE KEY</c>, legacy <c>DEK-Info</c> encrypted PEM, Ed25519 PKCS#8.
/// Public: <c>PUBLIC KEY</c>, <c>RSA PUBLIC KEY</c>, <c>CERTIFICATE</c>. Every failure is a coded
/// <see cref="CilockException"/> whose message never contains a password.
/// </summary>
public static partial class KeyLoader
{
    private const string RsaOid = "1.2.840.113549.1.1.1";
    private const string EcOid = "1.2.840.10045.2.1";
    private const string Ed25519Oid = "1.3.101.112";

    // The curves Go's crypto/ecdsa supports for x509 keys.
    private static readonly HashSet<string> SupportedCurves = ["1.2.840.10045.3.1.7", "1.3.132.0.34", "1.3.132.0.35"];

    /// <summary>Loads a private key file as a signer.</summary>
    /// <param name="path">The PEM file.</param>
    /// <param name="passwordEnvironmentVariable">Name of the environment variable holding the password of an encrypted key.</param>
    /// <exception cref="CilockException">CIL1001 unreadable, CIL1003 directory, CIL1004 malformed, CIL1005 password missing, CIL1006 wrong password, CIL1007 unsupported.</exception>
    public static ISigner LoadSigner(string path, string? passwordEnvironmentVariable = null)
    {
        var pem = ReadKeyFile(path);
        var password = passwordEnvironmentVariable is null ? null : Environment.GetEnvironmentVariable(passwordEnvironmentVariable);
        try
        {
            return LoadSignerFromPem(pem, password);
        }
        catch (CilockException e) when (e.Code == CryptoDiagnostics.KeyPasswordMissing)
        {
            var how = passwordEnvironmentVariable is null
                ? "name an environment variable that holds its password"
                : $"the environment variable '{passwordEnvironmentVariable}' that should hold its password is not set or empty";
            throw new CilockException(e.Code, $"the private key '{path}' is encrypted: {how}");
        }
        catch (CilockException e)
        {
            throw new CilockException(e.Code, $"key '{path}': {e.Message}");
        }
    }

    /// <summary>Loads a private key from PEM text as a signer.</summary>
    /// <param name="pem">The PEM text (the first private key block is used).</param>
    /// <param name="password">The password of an encrypted key; empty when the key is not encrypted.</param>
    /// <exception cref="CilockException">CIL1004 malformed, CIL1005 password missing, CIL1006 wrong password, CIL1007 unsupported.</exception>
    public static ISigner LoadSignerFromPem(string pem, ReadOnlySpan<char> password)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var block = FindBlock(pem, "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY");
        if (block is null)
        {
            throw FindBlock(pem, "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE") is not null
                ? new CilockException(CryptoDiagnostics.KeyUnsupported, "this is a public key or certificate; signing needs the private key")
                : UnknownPem(pem, "a private key");
        }

        if (block.IsLegacyEncrypted)
        {
            return FromPkcs8(DecryptLegacy(block.Text, password));
        }

        var der = block.Decode();
        try
        {
            switch (block.Label)
            {
                case "PRIVATE KEY":
                    return FromPkcs8(der);
                case "ENCRYPTED PRIVATE KEY":
                    if (password.IsEmpty)
                    {
                        throw new CilockException(CryptoDiagnostics.KeyPasswordMissing, "the private key is encrypted and no password was given");
                    }

                    byte[] plain;
                    try
                    {
                        plain = Pkcs8PrivateKeyInfo.DecryptAndDecode(password, der, out _).Encode();
                    }
                    catch (CryptographicException)
                    {
                        throw new CilockException(CryptoDiagnostics.KeyPasswordWrong, "cannot decrypt the private key: wrong password or unsupported encryption");
                    }

                    return FromPkcs8(plain);
                case "RSA PRIVATE KEY":
                    var rsa = RSA.Create();
                    Import(rsa, () => rsa.ImportRSAPrivateKey(der, out _));
                    return new RsaPssSigner(rsa);
                default:
                    var ec = ECDsa.Create();
                    Import(ec, () => ec.ImportECPrivateKey(der, out _));
                    return CheckCurve(ec);
            }
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException)
        {
            throw new CilockException(CryptoDiagnostics.KeyMalformed, $"malformed {block.Label}: {e.Message}", e);
        }
    }

    /// <summary>Loads a public key or certificate file as a verifier (a certificate's chain is not checked here).</summary>
    /// <param name="path">The PEM file.</param>
    /// <param name="acceptRsaPkcs1v15">Let RSA keys accept PKCS#1 v1.5 signatures too (default).</param>
    /// <exception cref="CilockException">CIL1001 unreadable, CIL1003 directory, CIL1004 malformed, CIL1007 unsupported.</exception>
    public static IVerifier LoadVerifier(string path, bool acceptRsaPkcs1v15 = true)
    {
        var pem = ReadKeyFile(path);
        try
        {
            return LoadVerifierFromPem(pem, acceptRsaPkcs1v15);
        }
        catch (CilockException e)
        {
            throw new CilockException(e.Code, $"key '{path}': {e.Message}");
        }
    }

    /// <summary>Loads a <c>PUBLIC KEY</c>, <c>RSA PUBLIC KEY</c> or <c>CERTIFICATE</c> PEM as a verifier.</summary>
    /// <exception cref="CilockException">CIL1004 malformed, CIL1007 unsupported.</exception>
    public static IVerifier LoadVerifierFromPem(string pem, bool acceptRsaPkcs1v15 = true)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var block = FindBlock(pem, "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE");
        if (block is null)
        {
            throw FindBlock(pem, "PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY") is not null
                ? new CilockException(CryptoDiagnostics.KeyUnsupported, "this is a private key; verification needs the public key or certificate")
                : UnknownPem(pem, "a public key or certificate");
        }

        var der = block.Decode();
        try
        {
            switch (block.Label)
            {
                case "PUBLIC KEY":
                    return FromSubjectPublicKeyInfo(der, acceptRsaPkcs1v15);
                case "RSA PUBLIC KEY":
                    using (var rsa = RSA.Create())
                    {
                        rsa.ImportRSAPublicKey(der, out _);
                        return FromSubjectPublicKeyInfo(rsa.ExportSubjectPublicKeyInfo(), acceptRsaPkcs1v15);
                    }

                default:
                    using (var cert = X509CertificateLoader.LoadCertificate(der))
                    {
                        return CreateVerifier(cert, acceptRsaPkcs1v15);
                    }
            }
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException)
        {
            throw new CilockException(CryptoDiagnostics.KeyMalformed, $"malformed {block.Label}: {e.Message}", e);
        }
    }

    /// <summary>Creates a verifier for the public key of <paramref name="certificate"/>.</summary>
    /// <exception cref="CilockException">CIL1004 malformed key, CIL1007 unsupported algorithm.</exception>
    public static IVerifier CreateVerifier(X509Certificate2 certificate, bool acceptRsaPkcs1v15 = true)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return FromSubjectPublicKeyInfo(certificate.PublicKey.ExportSubjectPublicKeyInfo(), acceptRsaPkcs1v15);
    }

    /// <summary>Creates a verifier from SubjectPublicKeyInfo DER (RSA, EC P-256/384/521, Ed25519).</summary>
    /// <exception cref="CilockException">CIL1004 malformed key, CIL1007 unsupported algorithm.</exception>
    public static IVerifier FromSubjectPublicKeyInfo(byte[] spki, bool acceptRsaPkcs1v15 = true)
    {
        ArgumentNullException.ThrowIfNull(spki);
        try
        {
            var (oid, key) = ReadSpki(spki);
            switch (oid)
            {
                case RsaOid:
                    return RsaVerifier.FromSubjectPublicKeyInfo(spki, acceptRsaPkcs1v15);
                case EcOid:
                    var verifier = EcdsaVerifier.FromSubjectPublicKeyInfo(spki);
                    if (!SupportedCurves.Contains(verifier.CurveOid))
                    {
                        verifier.Dispose();
                        throw Unsupported("EC curve");
                    }

                    return verifier;
                case Ed25519Oid:
                    return key.Length == 32 ? new Ed25519Verifier(key) : throw new CryptographicException("an Ed25519 key has 32 bytes");
                default:
                    throw Unsupported($"public key algorithm {oid}");
            }
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException)
        {
            throw new CilockException(CryptoDiagnostics.KeyMalformed, $"malformed public key: {e.Message}", e);
        }
    }

    /// <summary>The canonical <c>PUBLIC KEY</c> PEM of one of our signers or verifiers (e.g. to write a <c>.pub</c> file or a policy <c>publickeys</c> entry).</summary>
    /// <exception cref="CilockException">CIL1007 for a signer or verifier that does not expose its public key (e.g. KMS).</exception>
    public static string GetPublicKeyPem(object signerOrVerifier) => signerOrVerifier switch
    {
        IHasPublicKey k => KeyId.ToCanonicalPem(k.SubjectPublicKeyInfo),
        X509CertificateSigner { CertificatePem: { } pem } => KeyId.ToCanonicalPem(Crypto.CertificatePem.Parse(pem).PublicKey.ExportSubjectPublicKeyInfo()),
        _ => throw new CilockException(CryptoDiagnostics.KeyUnsupported, "this signer does not expose a public key"),
    };

    /// <summary>Reads a key file, mapping I/O failures to coded errors (CIL1001, CIL1003).</summary>
    internal static string ReadKeyFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Directory.Exists(path))
        {
            throw new CilockException(CryptoDiagnostics.KeyPathIsDirectory, $"key '{path}' is a directory; give the path of a PEM file");
        }

        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CilockException(CryptoDiagnostics.KeyFileUnreadable, $"key file '{path}' does not exist");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new CilockException(CryptoDiagnostics.KeyFileUnreadable, $"cannot read key file '{path}': {e.Message}");
        }
    }

    private static ISigner FromPkcs8(byte[] pkcs8)
    {
        try
        {
            var info = Pkcs8PrivateKeyInfo.Decode(pkcs8, out _, skipCopy: true);
            switch (info.AlgorithmId.Value)
            {
                case RsaOid:
                    var rsa = RSA.Create();
                    Import(rsa, () => rsa.ImportPkcs8PrivateKey(pkcs8, out _));
                    return new RsaPssSigner(rsa);
                case EcOid:
                    var ec = ECDsa.Create();
                    Import(ec, () => ec.ImportPkcs8PrivateKey(pkcs8, out _));
                    return CheckCurve(ec);
                case Ed25519Oid:
                    // RFC 8410: privateKey is an OCTET STRING wrapping the 32-byte seed.
                    var seed = AsnDecoder.ReadOctetString(info.PrivateKeyBytes.Span, AsnEncodingRules.BER, out _);
                    return seed.Length == 32 ? new Ed25519Signer(seed) : throw new CryptographicException("an Ed25519 private key has 32 bytes");
                default:
                    throw Unsupported($"private key algorithm {info.AlgorithmId.Value}");
            }
        }
        catch (Exception e) when (e is CryptographicException or AsnContentException)
        {
            throw new CilockException(CryptoDiagnostics.KeyMalformed, $"malformed PKCS#8 private key: {e.Message}", e);
        }
    }

    private static EcdsaSigner CheckCurve(ECDsa key)
    {
        var curve = key.ExportParameters(false).Curve.Oid?.Value ?? "";
        if (!SupportedCurves.Contains(curve))
        {
            key.Dispose();
            throw Unsupported($"EC curve {(curve.Length == 0 ? "(explicit parameters)" : curve)}");
        }

        return new EcdsaSigner(key);
    }

    private static void Import(AsymmetricAlgorithm key, Action import)
    {
        try
        {
            import();
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    // Legacy OpenSSL encryption (Proc-Type/DEK-Info headers) is not in the BCL; BouncyCastle decrypts it.
    private static byte[] DecryptLegacy(string blockText, ReadOnlySpan<char> password)
    {
        if (password.IsEmpty)
        {
            throw new CilockException(CryptoDiagnostics.KeyPasswordMissing, "the private key is encrypted and no password was given");
        }

        object? parsed;
        try
        {
            using var reader = new StringReader(blockText);
            parsed = new PemReader(reader, new PasswordFinder(password.ToArray())).ReadObject();
        }
        catch (Exception e) when (e is PemException or IOException or InvalidCastException
                                    or Org.BouncyCastle.Crypto.InvalidCipherTextException or Org.BouncyCastle.Crypto.DataLengthException
                                    or ArgumentException or Org.BouncyCastle.Security.InvalidKeyException)
        {
            // A wrong password yields bad padding or garbage DER; the message never includes the password.
            throw new CilockException(CryptoDiagnostics.KeyPasswordWrong, "cannot decrypt the private key: wrong password or unsupported encryption");
        }

        var privateKey = parsed switch
        {
            Org.BouncyCastle.Crypto.AsymmetricCipherKeyPair pair => pair.Private,
            Org.BouncyCastle.Crypto.AsymmetricKeyParameter { IsPrivate: true } single => single,
            _ => throw new CilockException(CryptoDiagnostics.KeyPasswordWrong, "cannot decrypt the private key: wrong password or unsupported encryption"),
        };
        return PrivateKeyInfoFactory.CreatePrivateKeyInfo(privateKey).GetDerEncoded();
    }

    private static (string Oid, byte[] Key) ReadSpki(byte[] spki)
    {
        var reader = new AsnReader(spki, AsnEncodingRules.DER);
        var seq = reader.ReadSequence();
        reader.ThrowIfNotEmpty();
        var algorithm = seq.ReadSequence();
        var oid = algorithm.ReadObjectIdentifier();
        var key = seq.ReadBitString(out _);
        seq.ThrowIfNotEmpty();
        return (oid, key);
    }

    private static CilockException Unsupported(string what) =>
        new(CryptoDiagnostics.KeyUnsupported, $"unsupported {what}: use RSA, ECDSA P-256/P-384/P-521 or Ed25519");

    private static readonly string[] KnownLabels =
        ["PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY", "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE"];

    private static CilockException UnknownPem(string pem, string expected)
    {
        var label = BeginLine().Match(pem);
        if (label.Success && KnownLabels.Contains(label.Groups[1].Value, StringComparer.Ordinal))
        {
            return new CilockException(CryptoDiagnostics.KeyMalformed, $"the {label.Groups[1].Value} block is incomplete or has no matching END line");
        }

        return label.Success
            ? new CilockException(CryptoDiagnostics.KeyUnsupported, $"unsupported PEM type '{label.Groups[1].Value}'; expected {expected}")
            : new CilockException(CryptoDiagnostics.KeyMalformed, $"not PEM: expected {expected} (-----BEGIN …-----)");
    }

    private static PemBlock? FindBlock(string pem, params string[] labels)
    {
        foreach (Match m in PemBlockRegex().Matches(pem))
        {
            var label = m.Groups["label"].Value;
            if (labels.Contains(label, StringComparer.Ordinal))
            {
                return new PemBlock(label, m.Value, m.Groups["headers"].Success && m.Groups["headers"].Value.Contains("ENCRYPTED", StringComparison.Ordinal), m.Groups["body"].Value);
            }
        }

        return null;
    }

    [GeneratedRegex(@"-----BEGIN ([A-Z0-9 ]+)-----")]
    private static partial Regex BeginLine();

    [GeneratedRegex(@"-----BEGIN (?<label>[A-Z0-9 ]+)-----\r?\n(?<headers>(?:[A-Za-z-]+:[^\n]*\r?\n)+\r?\n)?(?<body>[^-]*?)-----END \k<label>-----")]
    private static partial Regex PemBlockRegex();

    private sealed record PemBlock(string Label, string Text, bool IsLegacyEncrypted, string Body)
    {
        public byte[] Decode()
        {
            try
            {
                return Convert.FromBase64String(Body);
            }
            catch (FormatException)
            {
                throw new CilockException(CryptoDiagnostics.KeyMalformed, $"the {Label} block is not valid base64");
            }
        }
    }

    private sealed class PasswordFinder(char[] password) : IPasswordFinder
    {
        public char[] GetPassword() => (char[])password.Clone();
    }
}
