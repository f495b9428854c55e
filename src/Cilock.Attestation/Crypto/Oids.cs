namespace Cilock.Attestation.Crypto;

/// <summary>Object identifiers used by certificate and timestamp checks.</summary>
public static class Oids
{
    /// <summary>id-kp-codeSigning: the usage CL requires through a signing certificate's chain.</summary>
    public const string CodeSigning = "1.3.6.1.5.5.7.3.3";

    /// <summary>id-kp-timeStamping: the only usage a TSA signing certificate may carry.</summary>
    public const string TimeStamping = "1.3.6.1.5.5.7.3.8";

    /// <summary>anyExtendedKeyUsage: permits every usage (Go semantics).</summary>
    internal const string AnyExtendedKeyUsage = "2.5.29.37.0";

    /// <summary>The extendedKeyUsage extension.</summary>
    internal const string ExtendedKeyUsageExtension = "2.5.29.37";
}
