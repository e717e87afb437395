using Assessment.Resources;

namespace Assessment.Scheduling;

/// <summary>A recurring job: its id (also its Hangfire recurring-job id), its default schedule, and what it is for.</summary>
public sealed record ScheduledJob(string Id, string DefaultCron, string PeriodExample)
{
    /// <summary>What the job does, in the current language.</summary>
    public string Description => Strings.ResourceManager.GetString("Job_" + Id.Replace('-', '_'), Strings.Culture) ?? Id;
}

/// <summary>The recurring jobs of the annual cycle, with their default schedules (cron, in China Standard Time).</summary>
public static class ScheduledJobs
{
    /// <summary>On the 5th of each month: remind the institutions that have not reported the month before.</summary>
    public static ScheduledJob ReportingReminders { get; } = new("reporting-reminders", "0 9 5 * *", "2026-10");

    /// <summary>On the 15th after each quarter: publish the prefecture-direct units' consumption against their quotas.</summary>
    public static ScheduledJob QuarterlyPublication { get; } = new("quarterly-publication", "0 10 15 1,4,7,10 *", "2026-Q3");

    /// <summary>Each morning: notify who must act on workflow steps past their deadline, escalating as they age.</summary>
    public static ScheduledJob DeadlineEscalation { get; } = new("deadline-escalation", "0 8 * * *", "2026-11-30");

    /// <summary>Each night: score a year once all its reviews are done, or once the review deadline has passed.</summary>
    public static ScheduledJob AnnualAssessment { get; } = new("annual-assessment", "0 2 * * *", "2025");

    /// <summary>Every recurring job.</summary>
    public static IReadOnlyList<ScheduledJob> All { get; } = [ReportingReminders, QuarterlyPublication, DeadlineEscalation, AnnualAssessment];

    /// <summary>The job <paramref name="id"/>; an unknown id is an <see cref="ArgumentException"/> listing the known ones.</summary>
    public static ScheduledJob Get(string id) =>
        All.FirstOrDefault(job => job.Id == id)
        ?? throw new ArgumentException(string.Format(Strings.JobUnknown, id, string.Join(", ", All.Select(job => job.Id))));

    /// <summary>
    /// The time zone schedules and periods are read in: China Standard Time (UTC+8, no daylight saving), from the system's
    /// time zone database when it has one.
    /// </summary>
    public static TimeZoneInfo TimeZone { get; } = FindChinaTimeZone();

    /// <summary>A stored UTC time as people read it: China Standard Time, to the minute (<c>2026-11-30 15:02</c>).</summary>
    public static string Display(DateTime utc) => Display(new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)));

    /// <summary>An instant as people read it: China Standard Time, to the minute.</summary>
    public static string Display(DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, TimeZone).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Today's date in <see cref="TimeZone"/>.</summary>
    public static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZone).DateTime);

    private static TimeZoneInfo FindChinaTimeZone()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Shanghai", TimeSpan.FromHours(8), "China Standard Time", "China Standard Time");
        }
    }
}

/// <summary>A job's schedule: the stored one, or the default (<see cref="UpdatedAt"/> null).</summary>
public sealed record JobSchedule(ScheduledJob Job, string Cron, bool Enabled, DateTime? UpdatedAt);

/// <summary>A reminder or escalation to a recipient (<c>institution:CODE</c>, <c>county:CODE</c> or <c>bureau</c>).</summary>
public sealed record Notification(string Kind, string Recipient, string SubjectCode, string Period, string Message)
{
    /// <summary>When it was stored (set when read back).</summary>
    public DateTime CreatedAt { get; init; }

    /// <summary>The recipient that stands for a user: their role, and their scope where the role has one.</summary>
    public static string RecipientFor(string role, string? scope) => role is "bureau" or "system" || scope is null ? "bureau" : $"{role}:{scope}";
}
