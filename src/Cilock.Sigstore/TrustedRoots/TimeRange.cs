namespace Cilock.Sigstore.TrustedRoots;

/// <summary>A closed validity interval (<c>TimeRange</c>); a missing end means "still valid".</summary>
public sealed class TimeRange
{
    /// <summary>The first valid instant.</summary>
    public DateTimeOffset? Start { get; init; }

    /// <summary>The last valid instant (inclusive), or <c>null</c>.</summary>
    public DateTimeOffset? End { get; init; }

    /// <summary>Whether <paramref name="time"/> lies within the interval, both ends included.</summary>
    public bool Contains(DateTimeOffset time) => (Start is not { } start || time >= start) && (End is not { } end || time <= end);
}
