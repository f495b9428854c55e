namespace Cilock.Attestation.Crypto;

/// <summary>
/// The diagnostic codes of the DSSE, key and signature area (documented in <c>docs/diagnostics.md</c>).
/// CIL1002 belongs to <see cref="IO.AtomicFile"/>; this area owns CIL1001 and CIL1003–CIL1029 (CIL1001, CIL1003–CIL1018 in use).
/// </summary>
public static class CryptoDiagnostics
{
    /// <summary>A key or certificate file does not exist or cannot be read.</summary>
    public const string KeyFileUnreadable = "CIL1001";

    /// <summary>A key path names a directory.</summary>
    public const string KeyPathIsDirectory = "CIL1003";

    /// <summary>A key or certificate is not valid PEM or its content cannot be decoded.</summary>
    public const string KeyMalformed = "CIL1004";

    /// <summary>An encrypted private key was given without a password.</summary>
    public const string KeyPasswordMissing = "CIL1005";

    /// <summary>The password of an encrypted private key is wrong.</summary>
    public const string KeyPasswordWrong = "CIL1006";

    /// <summary>The key algorithm, curve or PEM type is not supported.</summary>
    public const string KeyUnsupported = "CIL1007";

    /// <summary>The per-user key store could not create or read its key.</summary>
    public const string KeyStoreFailed = "CIL1008";

    /// <summary>No signature of an envelope verifies, or fewer distinct keys than the threshold.</summary>
    public const string EnvelopeSignatureInvalid = "CIL1010";

    /// <summary>An envelope is not valid JSON or lacks a required member.</summary>
    public const string EnvelopeMalformed = "CIL1011";

    /// <summary>A base64 member of an envelope is not valid standard base64.</summary>
    public const string EnvelopeBase64Invalid = "CIL1012";

    /// <summary>An envelope has no signatures.</summary>
    public const string EnvelopeNoSignatures = "CIL1013";

    /// <summary>Verification or signing options are invalid (threshold, no signers).</summary>
    public const string InvalidOptions = "CIL1014";

    /// <summary>A signer failed to produce a signature.</summary>
    public const string SigningFailed = "CIL1015";

    /// <summary>A trusted root, intermediate or timestamp authority certificate cannot be read.</summary>
    public const string CertificateMalformed = "CIL1016";

    /// <summary>A time-stamping authority URL is refused (plain HTTP to a public host, or not HTTP at all).</summary>
    public const string TimestampUrlRefused = "CIL1017";

    /// <summary>A time-stamping authority did not return a valid, granted timestamp.</summary>
    public const string TimestampFailed = "CIL1018";
}
