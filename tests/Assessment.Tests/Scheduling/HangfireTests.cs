using Assessment.Data;
using Assessment.Reports;
using Assessment.Scheduling;
using Assessment.Tests.Support;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.States;
using Hangfire.Storage;

namespace Assessment.Tests.Scheduling;

/// <summary>
/// A real Hangfire server (in-memory job storage, and the SQLite file store) running the jobs on a real SQLite database:
/// a job enqueued twice does its work once; a failing job is retried, then left failed and recorded as failed; the
/// stored schedules become the recurring jobs.
/// </summary>
public sealed class HangfireTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly TempDatabase _temp = new();
    private readonly ManualClock _clock = ManualClock.AtChina(2026, 1, 15, 10);

    public void Dispose() => _temp.Dispose();

    private static JobHostOptions Fast => new() { WorkerCount = 2, RetryAttempts = 2, RetryDelaysSeconds = [1], PollInterval = TimeSpan.FromMilliseconds(500) };

    [Fact]
    public async Task A_job_enqueued_twice_yields_one_result()
    {
        var database = await SeedAsync();
        var storage = new InMemoryStorage();
        await using (var host = JobHost.Start(database, storage, _clock, Fast))
        {
            var first = host.Enqueue("quarterly-publication", "2025-Q4");
            var second = host.Enqueue("quarterly-publication", "2025-Q4");

            await WaitForAsync(storage, first, SucceededState.StateName);
            await WaitForAsync(storage, second, SucceededState.StateName);
        }

        await using var session = await database.OpenAsync();
        Assert.Equal(["2025-Q4"], await new PublicationRepository(session).PeriodsAsync(QuarterlyConsumption.Kind));
        var run = await new JobLedger(database, _clock).FindAsync(new JobKey("quarterly-publication", "prefecture", "2025-Q4"));
        Assert.Equal(("done", 1), (run!.Status, run.Attempts));
    }

    [Fact]
    public async Task A_failing_job_is_retried_then_left_failed_and_recorded_as_failed()
    {
        var database = await SeedAsync();
        var storage = new InMemoryStorage();
        string id;
        await using (var host = JobHost.Start(database, storage, _clock, Fast))
        {
            // No factor table covers 1999: the publication cannot be made.
            id = host.Enqueue("quarterly-publication", "1999-Q1");
            await WaitForAsync(storage, id, FailedState.StateName);
        }

        var history = storage.GetMonitoringApi().JobDetails(id).History.Select(state => state.StateName).Reverse().ToArray();
        Assert.Equal(Fast.RetryAttempts, history.Count(state => state == ScheduledState.StateName)); // each retry waited its delay
        Assert.Equal(FailedState.StateName, history[^1]);

        var run = await new JobLedger(database, _clock).FindAsync(new JobKey("quarterly-publication", "prefecture", "1999-Q1"));
        Assert.Equal(("failed", Fast.RetryAttempts + 1), (run!.Status, run.Attempts));
        Assert.Contains("1999", run.Error, StringComparison.Ordinal);
        await using var session = await database.OpenAsync();
        Assert.Empty(await new PublicationRepository(session).PeriodsAsync(QuarterlyConsumption.Kind));
    }

    [Fact]
    public async Task The_stored_schedules_become_the_recurring_jobs_and_a_disabled_one_is_removed()
    {
        var database = await SeedAsync();
        var storage = new InMemoryStorage();
        await using var host = JobHost.Start(database, storage, _clock, Fast);

        await host.ApplySchedulesAsync();
        var defaults = Recurring(storage);
        await using (var session = await database.OpenAsync())
        {
            await new ScheduleRepository(session).SetAsync("reporting-reminders", "30 8 3 * *", true, DateTime.UtcNow);
            await new ScheduleRepository(session).SetAsync("deadline-escalation", "0 8 * * *", false, DateTime.UtcNow);
        }

        await host.ApplySchedulesAsync();
        var changed = Recurring(storage);

        Assert.Equal(ScheduledJobs.All.Select(job => (job.Id, job.DefaultCron)).Order(), defaults.Select(job => (job.Id, job.Cron)).Order());
        Assert.All(defaults, job => Assert.Equal("Asia/Shanghai", job.TimeZoneId));
        Assert.Equal("30 8 3 * *", changed.Single(job => job.Id == "reporting-reminders").Cron);
        Assert.DoesNotContain(changed, job => job.Id == "deadline-escalation");
        Assert.Equal(3, changed.Count);
    }

    [Fact]
    public async Task A_recurring_job_triggered_now_runs_the_period_that_just_ended()
    {
        var database = await SeedAsync();
        var storage = new InMemoryStorage();
        await using (var host = JobHost.Start(database, storage, _clock, Fast))
        {
            await host.ApplySchedulesAsync();
            var id = host.Recurring.TriggerJob("quarterly-publication");
            await WaitForAsync(storage, id!, SucceededState.StateName);
        }

        await using var session = await database.OpenAsync();
        Assert.Equal(["2025-Q4"], await new PublicationRepository(session).PeriodsAsync(QuarterlyConsumption.Kind)); // on 15 January 2026
    }

    [Fact]
    public async Task The_default_file_store_keeps_a_job_enqueued_by_another_client_until_a_server_runs_it()
    {
        var database = await SeedAsync();
        var storage = JobHost.CreateStorage(database.Target);

        // Enqueued with no server running (as `assessment jobs enqueue` does), then picked up by a server started later.
        var id = JobHost.Enqueue(storage, "reporting-reminders", "2025-11", _clock);
        Assert.Equal(EnqueuedState.StateName, storage.GetMonitoringApi().JobDetails(id).History[0].StateName);
        await using (JobHost.Start(database, storage, _clock, Fast))
        {
            await WaitForAsync(storage, id, SucceededState.StateName);
        }

        Assert.True(File.Exists(JobHost.StorePath(_temp.Path)));
        var run = await new JobLedger(database, _clock).FindAsync(new JobKey("reporting-reminders", "prefecture", "2025-11"));
        Assert.Equal("done", run!.Status);
    }

    private async Task<Database> SeedAsync()
    {
        var database = await Seed.InitAsync(_temp.Database, Seed.Office("6523000001") with { CountyCode = Seed.Direct.Code, Name = "州直测试单位" });
        await Seed.MonthsAsync(database, "6523000001", 2025, Seed.Quantities(electricityKwh: 20_000, waterM3: 300, naturalGasM3: 1_500));
        return database;
    }

    private static IReadOnlyList<RecurringJobDto> Recurring(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs();
    }

    private static async Task WaitForAsync(JobStorage storage, string id, string state)
    {
        var deadline = DateTime.UtcNow + Patience;
        string? current = null;
        while (DateTime.UtcNow < deadline)
        {
            current = storage.GetMonitoringApi().JobDetails(id)?.History.FirstOrDefault()?.StateName;
            if (current == state)
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Job {id} did not reach {state} within {Patience.TotalSeconds} s (last state: {current ?? "none"}).");
    }
}
