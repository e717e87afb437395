namespace Assessment.Tests.Support;

/// <summary>A clock that always says the same time.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static FixedClock Default { get; } = new(new DateTimeOffset(2026, 3, 31, 8, 0, 0, TimeSpan.Zero));

    public override DateTimeOffset GetUtcNow() => now;
}
