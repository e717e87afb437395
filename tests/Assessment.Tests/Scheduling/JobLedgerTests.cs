using Assessment.Scheduling;
using Assessment.Tests.Support;

namespace Assessment.Tests.Scheduling;

/// <summary>The ledger that makes scheduled work idempotent, on a real SQLite file.</summary>
public sealed class JobLedgerTests : IDisposable
{
    private static readonly JobKey Key = new("test-job", "prefecture", "2025-12");
    private readonly TempDatabase _temp = new();
    private readonly ManualClock _clock = ManualClock.AtChina(2026, 1, 5);

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Work_is_done_once_and_a_repeat_finds_it_done()
    {
        await Seed.InitAsync(_temp.Database);
        var ledger = new JobLedger(_temp.Database, _clock);
        var calls = 0;

        var first = await ledger.RunOnceAsync(Key, _ => Task.FromResult($"did it {++calls}"));
        var second = await ledger.RunOnceAsync(Key, _ => Task.FromResult($"did it {++calls}"));

        Assert.Equal((JobLedger.Outcome.Done, JobLedger.Outcome.AlreadyDone), (first, second));
        Assert.Equal(1, calls);
        var run = await ledger.FindAsync(Key);
        Assert.Equal(("done", 1, "did it 1"), (run!.Status, run.Attempts, run.Result));
        Assert.NotNull(run.FinishedAt);
    }

    [Fact]
    public async Task A_failure_is_recorded_and_thrown_and_the_retry_does_the_work()
    {
        await Seed.InitAsync(_temp.Database);
        var ledger = new JobLedger(_temp.Database, _clock);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ledger.RunOnceAsync(Key, _ => throw new InvalidOperationException("no factor table")));
        var failed = await ledger.FindAsync(Key);
        var retried = await ledger.RunOnceAsync(Key, _ => Task.FromResult("done now"));
        var done = await ledger.FindAsync(Key);

        Assert.Equal("no factor table", error.Message);
        Assert.Equal(("failed", 1, "no factor table"), (failed!.Status, failed.Attempts, failed.Error));
        Assert.Equal(JobLedger.Outcome.Done, retried);
        Assert.Equal(("done", 2, null, "done now"), (done!.Status, done.Attempts, done.Error, done.Result));
    }

    [Fact]
    public async Task Work_in_progress_is_left_alone_until_its_lease_has_run_out()
    {
        await Seed.InitAsync(_temp.Database);
        var ledger = new JobLedger(_temp.Database, _clock);
        var release = new TaskCompletionSource();
        var running = ledger.RunOnceAsync(Key, async _ =>
        {
            await release.Task;
            return "first";
        });

        var meanwhile = await ledger.RunOnceAsync(Key, _ => Task.FromResult("second"));
        _clock.Now += JobLedger.Lease + TimeSpan.FromMinutes(1); // as if the first worker had died
        var takenOver = await ledger.RunOnceAsync(Key, _ => Task.FromResult("taken over"));
        release.SetResult();
        await running;

        Assert.Equal(JobLedger.Outcome.Running, meanwhile);
        Assert.Equal(JobLedger.Outcome.Done, takenOver);
        Assert.Equal(2, (await ledger.FindAsync(Key))!.Attempts);
    }

    [Fact]
    public async Task Of_runs_started_together_exactly_one_does_the_work()
    {
        await Seed.InitAsync(_temp.Database);
        var calls = 0;

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            new JobLedger(_temp.Database, _clock).RunOnceAsync(Key, async token =>
            {
                Interlocked.Increment(ref calls);
                await Task.Delay(200, token);
                return "once";
            }))));

        Assert.Equal(1, calls);
        Assert.Single(outcomes, outcome => outcome == JobLedger.Outcome.Done);
        Assert.All(outcomes.Where(outcome => outcome != JobLedger.Outcome.Done),
            outcome => Assert.Contains(outcome, new[] { JobLedger.Outcome.Running, JobLedger.Outcome.AlreadyDone }));
    }

    [Theory]
    [InlineData("2026-01-05", 2025, 12, 2025, 4)]
    [InlineData("2026-04-15", 2026, 3, 2026, 1)]
    [InlineData("2026-11-30", 2026, 10, 2026, 3)]
    public void The_period_just_ended_is_worked_out_from_the_date(string today, int year, int month, int quarterYear, int quarter)
    {
        var day = JobPeriod.ParseDay(today);

        Assert.Equal((year, month), JobPeriod.PreviousMonth(day));
        Assert.Equal((quarterYear, quarter), JobPeriod.PreviousQuarter(day));
    }

    [Theory]
    [InlineData("2025-13")]
    [InlineData("2025-Q5")]
    [InlineData("20x5")]
    [InlineData("2025-02-30")]
    public void A_period_that_is_not_one_is_refused_with_an_example(string text)
    {
        var error = Assert.Throws<ArgumentException>(() =>
        {
            if (text.Contains('Q'))
            {
                JobPeriod.ParseQuarter(text);
            }
            else if (text.Length == 10)
            {
                JobPeriod.ParseDay(text);
            }
            else if (text.Length == 7 && text[4] == '-')
            {
                JobPeriod.ParseMonth(text);
            }
            else
            {
                JobPeriod.ParseYear(text);
            }
        });

        Assert.Contains(text, error.Message, StringComparison.Ordinal);
        Assert.Contains("202", error.Message.Replace(text, "", StringComparison.Ordinal), StringComparison.Ordinal); // the example of what is expected
    }

    [Fact]
    public void Schedules_are_read_in_china_standard_time()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 31, 17, 0, 0, TimeSpan.Zero)); // 01:00 on 1 April in Beijing

        Assert.Equal(new DateOnly(2026, 4, 1), ScheduledJobs.Today(clock));
        Assert.Equal(TimeSpan.FromHours(8), ScheduledJobs.TimeZone.GetUtcOffset(DateTime.UtcNow));
    }
}
