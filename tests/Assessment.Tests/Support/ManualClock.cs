namespace Assessment.Tests.Support;

/// <summary>A clock a test moves by hand.</summary>
public sealed class ManualClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;

    /// <summary>A clock at the given day and hour, China Standard Time.</summary>
    public static ManualClock AtChina(int year, int month, int day, int hour = 9) => new(new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.FromHours(8)));
}
