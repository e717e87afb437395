using Assessment.Data;
using Assessment.Scheduling;
using Assessment.Web.Auth;
using Cronos;
using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessment.Web.Api;

/// <summary><c>/api/jobs</c> (bureau): the schedules, the job records, running a job now, the quarterly publications.</summary>
public static class JobsApi
{
    /// <summary>A schedule as shown and as changed.</summary>
    public sealed record Schedule(string Id, string Description, string Cron, bool Enabled, bool Default, DateTimeOffset? Next);

    /// <summary>A change to a schedule.</summary>
    public sealed record ScheduleChange(string? Cron = null, bool? Enabled = null);

    public static RouteGroupBuilder MapJobsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/jobs").WithTags("jobs").RequireAuthorization(Policies.Bureau).AddEndpointFilter<AntiforgeryCheck>();
        group.MapGet("/schedules", SchedulesAsync);
        group.MapPut("/schedules/{id}", async (string id, ScheduleChange change, Database database, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            await SetScheduleAsync(database, clock, id, change.Cron, change.Enabled, cancellationToken);
            return await SchedulesAsync(database, clock, cancellationToken);
        });
        group.MapGet("/runs", async (string? kind, Database database, TimeProvider clock, CancellationToken cancellationToken) =>
            TypedResults.Ok(await new JobLedger(database, clock).ListAsync(kind, 100, cancellationToken)));
        group.MapPost("/{id}/enqueue", (string id, string? period, JobStorage storage, TimeProvider clock) =>
            TypedResults.Accepted((string?)null, new { job = id, hangfireId = JobHost.Enqueue(storage, id, period, clock) }));
        group.MapGet("/publications/{period}", async (string period, Database database, CancellationToken cancellationToken) =>
        {
            JobPeriod.ParseQuarter(period);
            await using var session = await database.OpenAsync(cancellationToken);
            var document = await new PublicationRepository(session).GetAsync(Reports.QuarterlyConsumption.Kind, period, cancellationToken)
                           ?? throw new NotFoundException(string.Format(Resources.WebText.PublicationNotFound, period));
            return TypedResults.Text(document, "application/json; charset=utf-8");
        });
        return group;
    }

    /// <summary>Every recurring job with its schedule and next run (China Standard Time).</summary>
    public static async Task<Ok<Schedule[]>> SchedulesAsync(Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        return TypedResults.Ok((await new ScheduleRepository(session).ListAsync(cancellationToken)).Select(schedule => new Schedule(schedule.Job.Id,
            schedule.Job.Description, schedule.Cron, schedule.Enabled, schedule.UpdatedAt is null,
            schedule.Enabled ? CronExpression.Parse(schedule.Cron).GetNextOccurrence(clock.GetUtcNow(), ScheduledJobs.TimeZone) : null)).ToArray());
    }

    /// <summary>Stores a schedule change (applied when the worker next starts); a bad cron expression is refused naming it.</summary>
    public static async Task SetScheduleAsync(Database database, TimeProvider clock, string id, string? cron, bool? enabled, CancellationToken cancellationToken)
    {
        var job = ScheduledJobs.All.FirstOrDefault(candidate => candidate.Id == id)
                  ?? throw new NotFoundException(string.Format(Assessment.Resources.Strings.JobUnknown, id, string.Join(", ", ScheduledJobs.All.Select(j => j.Id))));
        await using var session = await database.OpenAsync(cancellationToken);
        var repository = new ScheduleRepository(session);
        var current = (await repository.ListAsync(cancellationToken)).Single(schedule => schedule.Job.Id == job.Id);
        var expression = string.IsNullOrWhiteSpace(cron) ? current.Cron : cron.Trim();
        try
        {
            CronExpression.Parse(expression);
        }
        catch (CronFormatException e)
        {
            throw new ArgumentException(string.Format(Resources.WebText.CronInvalid, expression, e.Message), e);
        }

        await repository.SetAsync(job.Id, expression, enabled ?? current.Enabled, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }
}
