namespace Cilock.Policy.Tests.Support;

/// <summary>A clock frozen at one instant (unit tests never read the real time).</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Default = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    public FixedTime()
        : this(Default)
    {
    }

    public override DateTimeOffset GetUtcNow() => now;
}
