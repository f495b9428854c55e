namespace Cilock.Policy.Rules;

/// <summary>Diagnostic codes of the built-in rule library (documented in <c>docs/diagnostics.md</c>).</summary>
public static class RuleDiagnostics
{
    /// <summary>No built-in rule has the requested name.</summary>
    public const string UnknownRule = "CIL3260";

    /// <summary>A rule parameter is missing, unknown or has the wrong type.</summary>
    public const string InvalidParameter = "CIL3261";

    /// <summary>A rule requested for a scaffolded policy fits no attestation type the evidence's steps carry.</summary>
    public const string NoMatchingAttestation = "CIL3262";
}
