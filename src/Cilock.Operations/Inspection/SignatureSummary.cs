namespace Cilock.Operations.Inspection;

/// <summary>One signature of an envelope as shown by <c>cilock inspect</c> (not verified).</summary>
/// <param name="KeyId">The keyid hint (may be empty; never used to select a key).</param>
/// <param name="CertificateSubject">The leaf certificate's subject, when the signature carries one.</param>
/// <param name="CertificateIssuer">The leaf certificate's issuer.</param>
/// <param name="CertificateNotBefore">Start of the certificate's validity.</param>
/// <param name="CertificateNotAfter">End of the certificate's validity.</param>
/// <param name="IntermediateCount">How many intermediate certificates are carried.</param>
/// <param name="TimestampCount">How many RFC 3161 timestamps are carried.</param>
public sealed record SignatureSummary(
    string KeyId,
    string? CertificateSubject,
    string? CertificateIssuer,
    DateTimeOffset? CertificateNotBefore,
    DateTimeOffset? CertificateNotAfter,
    int IntermediateCount,
    int TimestampCount);
