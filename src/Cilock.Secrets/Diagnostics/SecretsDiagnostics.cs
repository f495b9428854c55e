namespace Cilock.Secrets.Diagnostics;

/// <summary>The CIL4xxx codes of secret scanning (documented in docs/diagnostics.md).</summary>
public static class SecretsDiagnostics
{
    /// <summary>A secret was found (the message names the rule, location and hash, never the value).</summary>
    public const string SecretFound = "CIL4001";

    /// <summary>A rules file is unreadable, not valid JSON, or has an invalid rule (bad regex, missing id).</summary>
    public const string InvalidRules = "CIL4002";

    /// <summary>A path given to the scanner does not exist or cannot be read.</summary>
    public const string InputUnreadable = "CIL4003";

    /// <summary>A zip/nupkg could not be read (corrupt archive, or over the decompression limits).</summary>
    public const string ArchiveUnreadable = "CIL4004";

    /// <summary>A rule hit its match time limit on some input; that rule's result for the input is incomplete.</summary>
    public const string RuleTimedOut = "CIL4005";

    /// <summary>A file was skipped because it is larger than the scan limit.</summary>
    public const string FileTooLarge = "CIL4006";
}
