namespace Cilock.Gate.Publishing;

/// <summary>The three ways a gated push ends; each maps to one CLI exit code.</summary>
public enum PublishOutcome
{
    /// <summary>Verified and pushed (exit 0).</summary>
    Pushed = 0,

    /// <summary>Refused by policy: nothing was pushed (exit 1).</summary>
    Refused = 1,

    /// <summary>An error (bad input, feed failure): nothing was pushed, or the push failed (exit 2).</summary>
    Failed = 2,
}
