namespace Cilock.Operations.Keyless;

/// <summary>How evidence is signed (<c>CilockSigning</c>, <c>cilock run --keyless</c>).</summary>
public enum SigningMode
{
    /// <summary>A configured key wins; else keyless when a CI identity token is available; else the per-user key.</summary>
    Auto,

    /// <summary>Always a key (the configured one, else the per-user key), even in CI.</summary>
    Key,

    /// <summary>Always keyless (Fulcio certificate + timestamps + Rekor); fails without an identity token.</summary>
    Keyless,
}
