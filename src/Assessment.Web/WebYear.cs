using Assessment.Scheduling;

namespace Assessment.Web;

/// <summary>The year pages show by default: the last full year, the one being assessed (China Standard Time).</summary>
public static class WebYear
{
    public static int Default(TimeProvider clock) => ScheduledJobs.Today(clock).Year - 1;
}
