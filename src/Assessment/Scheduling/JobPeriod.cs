using System.Globalization;
using System.Text.RegularExpressions;
using Assessment.Resources;

namespace Assessment.Scheduling;

/// <summary>The periods jobs are keyed by: a month (<c>2026-10</c>), a quarter (<c>2026-Q3</c>), a day (<c>2026-11-30</c>) or a year.</summary>
public static partial class JobPeriod
{
    /// <summary>The month before <paramref name="today"/>.</summary>
    public static (int Year, int Month) PreviousMonth(DateOnly today)
    {
        var month = today.AddMonths(-1);
        return (month.Year, month.Month);
    }

    /// <summary>The quarter that ended before <paramref name="today"/>.</summary>
    public static (int Year, int Quarter) PreviousQuarter(DateOnly today)
    {
        var quarter = (today.Month - 1) / 3; // the current quarter, 0-based; the one before it is 1-based
        return quarter == 0 ? (today.Year - 1, 4) : (today.Year, quarter);
    }

    /// <summary><c>2026-10</c>.</summary>
    public static string Month(int year, int month) => $"{year:D4}-{month:D2}";

    /// <summary><c>2026-Q3</c>.</summary>
    public static string Quarter(int year, int quarter) => $"{year:D4}-Q{quarter}";

    /// <summary><c>2026-11-30</c>.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Reads <c>2026-10</c>; anything else is an <see cref="ArgumentException"/> saying what is expected.</summary>
    public static (int Year, int Month) ParseMonth(string text)
    {
        var match = MonthPattern().Match(text);
        var month = match.Success ? int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture) : 0;
        return month is >= 1 and <= 12
            ? (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), month)
            : throw new ArgumentException(string.Format(Strings.JobPeriodInvalid, text, "2026-10"));
    }

    /// <summary>Reads <c>2026-Q3</c>.</summary>
    public static (int Year, int Quarter) ParseQuarter(string text)
    {
        var match = QuarterPattern().Match(text);
        return match.Success
            ? (int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : throw new ArgumentException(string.Format(Strings.JobPeriodInvalid, text, "2026-Q3"));
    }

    /// <summary>Reads <c>2026-11-30</c>.</summary>
    public static DateOnly ParseDay(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new ArgumentException(string.Format(Strings.JobPeriodInvalid, text, "2026-11-30"));

    /// <summary>Reads <c>2025</c>.</summary>
    public static int ParseYear(string text) =>
        text.Length == 4 && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year >= 2000
            ? year
            : throw new ArgumentException(string.Format(Strings.JobPeriodInvalid, text, "2025"));

    [GeneratedRegex(@"^(\d{4})-(\d{2})$")]
    private static partial Regex MonthPattern();

    [GeneratedRegex(@"^(\d{4})-Q([1-4])$")]
    private static partial Regex QuarterPattern();
}
