using Assessment.Scheduling;
using Dapper;

namespace Assessment.Data;

/// <summary>The schedules of the recurring jobs as the bureau set them; a job with no row keeps its default.</summary>
public sealed class ScheduleRepository(DbSession session)
{
    /// <summary>Every recurring job with its schedule: the stored one, or the default.</summary>
    public async Task<IReadOnlyList<JobSchedule>> ListAsync(CancellationToken cancellationToken = default)
    {
        var stored = (await session.Connection.QueryAsync<(string JobId, string Cron, bool Enabled, DateTime UpdatedAt)>(new CommandDefinition(
                "SELECT job_id, cron, enabled, updated_at FROM job_schedules", transaction: session.Transaction, cancellationToken: cancellationToken)))
            .ToDictionary(row => row.JobId, StringComparer.Ordinal);
        return ScheduledJobs.All.Select(job => stored.TryGetValue(job.Id, out var row)
                ? new JobSchedule(job, row.Cron, row.Enabled, row.UpdatedAt)
                : new JobSchedule(job, job.DefaultCron, true, null))
            .ToArray();
    }

    /// <summary>Stores the schedule of <paramref name="jobId"/>.</summary>
    public Task SetAsync(string jobId, string cron, bool enabled, DateTime now, CancellationToken cancellationToken = default) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            session.Dialect.Upsert("job_schedules", ["job_id"], ["cron", "enabled", "updated_at"]),
            new { job_id = jobId, cron, enabled, updated_at = now }, session.Transaction, cancellationToken: cancellationToken));
}
