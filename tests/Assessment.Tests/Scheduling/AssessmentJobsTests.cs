using System.Text.Json;
using Assessment.Data;
using Assessment.Domain;
using Assessment.Indicators;
using Assessment.Reports;
using Assessment.Resources;
using Assessment.Scheduling;
using Assessment.Tests.Demo;
using Assessment.Tests.Support;
using Assessment.Workflows;
using Dapper;

namespace Assessment.Tests.Scheduling;

/// <summary>What each scheduled job does, on a copy of the demo database (2025 walked part of the way), and that doing it again does nothing.</summary>
[Collection(DemoCollection.Name)]
public sealed class AssessmentJobsTests(DemoFixture demo) : IDisposable
{
    private readonly TempDatabase _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Reminders_go_to_each_institution_that_has_not_reported_last_month_its_county_and_the_bureau()
    {
        var database = demo.CopyTo(_temp);
        string[] late;
        await using (var session = await database.OpenAsync())
        {
            late = (await session.Connection.QueryAsync<string>("SELECT code FROM institutions WHERE county_code = '652301' ORDER BY code LIMIT 3")).ToArray();
            await session.Connection.ExecuteAsync("DELETE FROM consumption WHERE year = 2025 AND month = 12 AND code IN @late", new { late });
        }

        // On 5 January the month just ended is December.
        var jobs = new AssessmentJobs(database, ManualClock.AtChina(2026, 1, 5));
        var summary = await jobs.ReportingRemindersAsync(null, default);
        var again = await jobs.ReportingRemindersAsync("2025-12", default);

        var notifications = await NotificationsAsync(database, "reporting-reminders");
        Assert.Equal(late.Select(code => $"institution:{code}").Order(), notifications.Where(n => n.Recipient.StartsWith("institution:", StringComparison.Ordinal))
            .Select(n => n.Recipient).Order());
        var county = Assert.Single(notifications, n => n.Recipient == "county:652301");
        Assert.Contains("3", county.Message, StringComparison.Ordinal);
        Assert.Single(notifications, n => n.Recipient == "bureau");
        Assert.All(notifications, n => Assert.Equal("2025-12", n.Period));
        Assert.Contains("reporting-reminders/prefecture/2025-12", summary, StringComparison.Ordinal);
        Assert.Contains("reporting-reminders/prefecture/2025-12", again, StringComparison.Ordinal);
        Assert.Equal(5, notifications.Count); // the repeat added nothing
        Assert.Equal(1, (await new JobLedger(database, TimeProvider.System).FindAsync(new JobKey("reporting-reminders", "prefecture", "2025-12")))!.Attempts);
    }

    [Fact]
    public async Task The_quarterly_publication_shows_the_prefecture_direct_units_against_quotas_prorated_to_the_quarter()
    {
        var database = demo.CopyTo(_temp);
        var jobs = new AssessmentJobs(database, ManualClock.AtChina(2026, 1, 15, 10));

        await jobs.QuarterlyPublicationAsync(null, default); // on 15 January: the fourth quarter of 2025
        await jobs.QuarterlyPublicationAsync("2025-Q2", default);
        await jobs.QuarterlyPublicationAsync("2025-Q2", default);

        await using var session = await database.OpenAsync();
        var publications = new PublicationRepository(session);
        Assert.Equal(["2025-Q4", "2025-Q2"], await publications.PeriodsAsync(QuarterlyConsumption.Kind));
        var q2 = JsonSerializer.Deserialize<QuarterlyConsumption>((await publications.GetAsync(QuarterlyConsumption.Kind, "2025-Q2"))!, PublicationJson.Options)!;
        var q4 = JsonSerializer.Deserialize<QuarterlyConsumption>((await publications.GetAsync(QuarterlyConsumption.Kind, "2025-Q4"))!, PublicationJson.Options)!;

        var direct = (await new CountyRepository(session).ListAsync()).Where(c => c.Kind == CountyKind.PrefectureDirect).Select(c => c.Code).ToHashSet();
        var units = (await new InstitutionRepository(session).ListAsync()).Where(i => direct.Contains(i.CountyCode)).ToArray();
        Assert.Equal(units.Select(u => u.Code).Order(), q2.Rows.Select(r => r.Code));
        Assert.Equal((6, 0.5), (q2.ThroughMonth, q2.Share));

        // A year to date: the fourth quarter's figures are the year's, and the second quarter's half of the quota is half the year's.
        var year = (await IndicatorReport.BuildAsync(database, new IndicatorQuery(2025, IndicatorLevel.Institution))).ToDictionary(row => row.Code);
        var row4 = q4.Rows[0];
        Assert.Equal(year[row4.Code].EnergyKgce!.Value, row4.EnergyKgce, 6);
        Assert.Equal(year[row4.Code].EnergyPerArea!.Value, row4.EnergyPerArea.Value!.Value, 6);
        var row2 = q2.Rows.Single(r => r.Code == row4.Code);
        Assert.True(row2.EnergyKgce < row4.EnergyKgce);
        Assert.Equal(row4.EnergyPerArea.Constraint!.Value / 2, row2.EnergyPerArea.Constraint!.Value, 9);
        Assert.Equal(q4.Rows.Count(r => r.Comparisons.Any(c => c.Level == QuotaLevel.Over)), q4.OverConstraint);
        Assert.All(q4.Rows.Where(r => r.EnergyPerArea.Level == QuotaLevel.Over), r => Assert.True(r.EnergyPerArea.Value > r.EnergyPerArea.Constraint));
    }

    [Fact]
    public async Task Overdue_steps_are_told_to_who_must_act_once_and_escalated_as_they_age()
    {
        var database = demo.CopyTo(_temp);
        var instances = await InstancesAsync(database);
        var inCountyReview = instances.First(i => i.Subject == WorkflowSubject.Institution && i.State == "county-review"); // due 15 March
        var inSelfAssessment = instances.First(i => i.Subject == WorkflowSubject.Institution && i.State == "self-assessment"); // due 28 February
        var countyOfReview = inCountyReview.SubjectCode[..6];

        var first = await new AssessmentJobs(database, TimeProvider.System).DeadlineEscalationAsync("2026-03-18", default);
        var afterFirst = await NotificationsAsync(database, null);
        await new AssessmentJobs(database, TimeProvider.System).DeadlineEscalationAsync("2026-03-18", default); // repeated: nothing new
        var afterRepeat = await NotificationsAsync(database, null);
        await new AssessmentJobs(database, TimeProvider.System).DeadlineEscalationAsync("2026-03-19", default); // the next day: only the digests
        var nextDay = await NotificationsAsync(database, null);

        // Three days overdue: the county that must review is told; nobody is escalated to yet for it.
        Assert.Single(afterFirst, n => n.Kind == "deadline-overdue" && n.SubjectCode == inCountyReview.SubjectCode && n.Recipient == $"county:{countyOfReview}");
        Assert.DoesNotContain(afterFirst, n => n.Kind == "deadline-escalation" && n.Message.Contains(inCountyReview.SubjectCode, StringComparison.Ordinal)
                                               && n.Recipient == "bureau");
        // Eighteen days overdue: the institution is told, and the step is in its county's and the bureau's digests.
        Assert.Single(afterFirst, n => n.Kind == "deadline-overdue" && n.Recipient == $"institution:{inSelfAssessment.SubjectCode}");
        Assert.Contains(afterFirst, n => n.Kind == "deadline-escalation" && n.Recipient == $"county:{inSelfAssessment.SubjectCode[..6]}");
        Assert.Single(afterFirst, n => n.Kind == "deadline-escalation" && n.Recipient == "bureau");
        // Nothing for steps not yet due (bureau review is due 31 March) or not reached.
        Assert.DoesNotContain(afterFirst, n => n.Period.EndsWith("/bureau-review", StringComparison.Ordinal));

        Assert.Equal(afterFirst.Count, afterRepeat.Count);
        var added = nextDay.Count - afterRepeat.Count;
        Assert.Equal(nextDay.Count(n => n.Kind == "deadline-escalation" && n.Period == "2026-03-19"), added);
        Assert.Contains("2026-03-18", first, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_annual_run_waits_for_the_reviews_then_scores_the_year_once_and_moves_the_reviewed_units_on()
    {
        var database = demo.CopyTo(_temp);
        var runsBefore = await database.CountAsync("SELECT COUNT(*) FROM assessment_runs WHERE year = 2025");
        var reviewed = (await InstancesAsync(database)).Count(i => i.State == "reviewed");

        // 20 March: reviews are still going on and are due 31 March: nothing happens.
        var early = await new AssessmentJobs(database, ManualClock.AtChina(2026, 3, 20, 2)).AnnualAssessmentAsync(null, default);
        Assert.Contains("2025", early, StringComparison.Ordinal);
        Assert.Equal(runsBefore, await database.CountAsync("SELECT COUNT(*) FROM assessment_runs WHERE year = 2025"));
        Assert.Null(await new JobLedger(database, TimeProvider.System).FindAsync(new JobKey("annual-assessment", "prefecture", "2025")));

        // 1 April: the deadline has passed: the year is scored and every reviewed unit moves on; the next night does nothing.
        var clock = ManualClock.AtChina(2026, 4, 1, 2);
        await new AssessmentJobs(database, clock).AnnualAssessmentAsync(null, default);
        clock.Now += TimeSpan.FromDays(1);
        var nextNight = await new AssessmentJobs(database, clock).AnnualAssessmentAsync(null, default);

        Assert.Equal(runsBefore + 1, await database.CountAsync("SELECT COUNT(*) FROM assessment_runs WHERE year = 2025"));
        var after = await InstancesAsync(database);
        Assert.Equal(reviewed, after.Count(i => i.State == "scored"));
        Assert.DoesNotContain(after, i => i.State == "reviewed");
        Assert.Equal(reviewed, await database.CountAsync("SELECT COUNT(*) FROM workflow_transitions WHERE trigger_id = 'score' AND actor = 'system'"));
        Assert.DoesNotContain("2025", nextNight, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_annual_run_goes_ahead_before_the_deadline_once_every_unit_is_reviewed()
    {
        var database = demo.CopyTo(_temp);
        await using (var session = await database.OpenAsync())
        {
            // Leave only the reviewed institutions in the year (as if the others had never been opened).
            await session.Connection.ExecuteAsync("DROP TRIGGER workflow_transitions_no_delete");
            await session.Connection.ExecuteAsync(
                "DELETE FROM workflow_transitions WHERE instance_id IN (SELECT id FROM workflow_instances WHERE subject = 'institution' AND state <> 'reviewed')");
            await session.Connection.ExecuteAsync("DELETE FROM workflow_instances WHERE subject = 'institution' AND state <> 'reviewed'");
        }

        var result = await new AssessmentJobs(database, ManualClock.AtChina(2026, 3, 20, 2)).AnnualAssessmentAsync(2025, default);

        Assert.Contains("annual-assessment/prefecture/2025", result, StringComparison.Ordinal);
        Assert.DoesNotContain((await InstancesAsync(database)).Where(i => i.Subject == WorkflowSubject.Institution), i => i.State != "scored");
    }

    [Fact]
    public async Task A_retry_after_the_scoring_run_was_stored_does_not_score_the_year_again()
    {
        var database = demo.CopyTo(_temp);
        var clock = ManualClock.AtChina(2026, 4, 1, 2);
        await using (var session = await database.OpenAsync())
        {
            // As if a first attempt stored its run and then failed while moving the instances.
            await session.Connection.ExecuteAsync(
                "INSERT INTO job_runs (kind, scope, period, status, attempts, started_at, finished_at, result) VALUES " +
                "('annual-assessment-run', 'prefecture', '2025', 'done', 1, @at, @at, 'run #1'), " +
                "('annual-assessment', 'prefecture', '2025', 'failed', 1, @at, @at, NULL)", new { at = clock.GetUtcNow().UtcDateTime });
        }

        var runsBefore = await database.CountAsync("SELECT COUNT(*) FROM assessment_runs WHERE year = 2025");
        await new AssessmentJobs(database, clock).AnnualAssessmentAsync(null, default);

        Assert.Equal(runsBefore, await database.CountAsync("SELECT COUNT(*) FROM assessment_runs WHERE year = 2025"));
        Assert.DoesNotContain(await InstancesAsync(database), i => i.State == "reviewed");
        var ledger = await new JobLedger(database, clock).FindAsync(new JobKey("annual-assessment", "prefecture", "2025"));
        Assert.Equal(("done", 2), (ledger!.Status, ledger.Attempts));
    }

    [Theory]
    [InlineData("quarterly-publication", "2026-Q1")]
    [InlineData("reporting-reminders", "2026-03")]
    [InlineData("deadline-escalation", "2026-04-01")]
    [InlineData("annual-assessment", "2026")]
    public async Task A_period_that_has_not_ended_is_refused_and_takes_nothing(string job, string period)
    {
        var database = demo.CopyTo(_temp);
        var clock = ManualClock.AtChina(2026, 3, 31, 10);

        var run = await Assert.ThrowsAsync<ArgumentException>(() => new AssessmentJobs(database, clock).RunAsync(job, period));
        var enqueue = Assert.Throws<ArgumentException>(() => AssessmentJobs.CheckPeriod(job, period, clock));

        Assert.Contains(period, run.Message, StringComparison.Ordinal);
        Assert.Contains("2026-03-31", enqueue.Message, StringComparison.Ordinal);
        Assert.Empty(await new JobLedger(database, clock).ListAsync());
    }

    [Fact]
    public async Task A_unit_reviewed_after_its_year_was_scored_is_scored_by_a_run_on_a_later_night()
    {
        var database = demo.CopyTo(_temp);
        var clock = ManualClock.AtChina(2026, 4, 1, 2);
        await new AssessmentJobs(database, clock).AnnualAssessmentAsync(null, default);
        var runs = await database.CountAsync("SELECT COUNT(*) FROM assessment_runs WHERE year = 2025");

        // The bureau accepts one more unit after the night's run.
        var late = (await InstancesAsync(database)).First(i => i.State == "bureau-review");
        await new WorkflowService(database, clock).FireAsync(late.Id, "bureau-accept", "bureau", null);
        clock.Now += TimeSpan.FromDays(1);
        var nextNight = await new AssessmentJobs(database, clock).AnnualAssessmentAsync(null, default);
        var sameNight = await new AssessmentJobs(database, clock).AnnualAssessmentAsync(null, default);

        Assert.Equal("scored", (await InstancesAsync(database)).Single(i => i.Id == late.Id).State);
        Assert.Equal(runs + 1, await database.CountAsync("SELECT COUNT(*) FROM assessment_runs WHERE year = 2025"));
        Assert.Contains("annual-assessment-late/prefecture/2025/2026-04-02", nextNight, StringComparison.Ordinal);
        Assert.Equal(Strings.JobAnnualNothing, sameNight);
    }

    private static async Task<IReadOnlyList<Notification>> NotificationsAsync(Database database, string? kind)
    {
        await using var session = await database.OpenAsync();
        return await new NotificationRepository(session).ListAsync(null, kind, int.MaxValue);
    }

    private static async Task<IReadOnlyList<WorkflowInstance>> InstancesAsync(Database database)
    {
        await using var session = await database.OpenAsync();
        return await new WorkflowRepository(session).ListAsync(2025);
    }

}
