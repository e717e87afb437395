using System.Globalization;
using System.Text.Json;
using Assessment.Assessing;
using Assessment.Data;
using Assessment.Domain;
using Assessment.Reports;
using Assessment.Resources;
using Assessment.Workflows;
using Dapper;
using Hangfire;

namespace Assessment.Scheduling;

/// <summary>
/// The scheduled work of the annual cycle. Hangfire calls these methods (a recurring job passes no period, and the job
/// works out the period that just ended); <c>assessment jobs run</c> calls them with a period. Every piece of work goes
/// through the <see cref="JobLedger"/>, keyed by (job, scope, period), so a retried or repeated job does it once; what
/// a job writes (notifications, publications) is also unique per key, as a second guard.
/// </summary>
public sealed class AssessmentJobs(Database database, TimeProvider clock, JobStorage? storage = null, TimeSpan? lease = null)
{
    /// <summary>The scope of jobs that cover the whole prefecture.</summary>
    public const string Prefecture = "prefecture";

    /// <summary>The trigger the annual assessment fires, as the system, on every instance its scoring completes.</summary>
    public const string ScoreTrigger = "score";

    /// <summary>How many days past a deadline a step is escalated to the county, and then to the bureau.</summary>
    public static readonly (int County, int Bureau) EscalationDays = (7, 14);

    private readonly JobLedger _ledger = new(database, clock, lease);

    // The pieces of a split run may be taken over sooner: a job whose worker died comes back after the store's
    // invisibility timeout (the lease), and must then find its piece's claim expired.
    private SplitAssessment Split => new(database, clock, new JobLedger(database, clock, (lease ?? JobLedger.Lease) / 2),
        new BackgroundJobClient(storage ?? JobStorage.Current));

    /// <summary>Phase <paramref name="phase"/> of one county of a split run (<see cref="SplitAssessment"/>).</summary>
    public Task<string> SplitCountyAsync(string key, int phase, string county, CancellationToken cancellationToken) =>
        Split.CountyAsync(key, phase, county, cancellationToken);

    /// <summary>A ranking of a split run.</summary>
    public Task<string> SplitRankAsync(string key, int phase, CancellationToken cancellationToken) => Split.RankAsync(key, phase, cancellationToken);

    /// <summary>The final job of a split run: the counties, and the run stored.</summary>
    public Task<string> SplitFinishAsync(string key, CancellationToken cancellationToken) => Split.FinishAsync(key, cancellationToken);

    /// <summary>Runs the job <paramref name="jobId"/> for <paramref name="period"/> (null: the period that just ended).</summary>
    public Task<string> RunAsync(string jobId, string? period, CancellationToken cancellationToken = default) => ScheduledJobs.Get(jobId).Id switch
    {
        "reporting-reminders" => ReportingRemindersAsync(period, cancellationToken),
        "quarterly-publication" => QuarterlyPublicationAsync(period, cancellationToken),
        "deadline-escalation" => DeadlineEscalationAsync(period, cancellationToken),
        _ => AnnualAssessmentAsync(period is null ? null : JobPeriod.ParseYear(period), cancellationToken),
    };

    /// <summary>Reminds every institution that has not reported <paramref name="month"/> (default: last month), its county, and the bureau.</summary>
    public Task<string> ReportingRemindersAsync(string? month, CancellationToken cancellationToken)
    {
        var period = Period(ScheduledJobs.ReportingReminders.Id, month, ScheduledJobs.Today(clock));
        var (year, number) = JobPeriod.ParseMonth(period);
        return RunOnceAsync(new JobKey(ScheduledJobs.ReportingReminders.Id, Prefecture, period), async token =>
        {
            await using var session = await database.OpenAsync(token);
            var institutions = await new InstitutionRepository(session).ListAsync(token);
            var counties = (await new CountyRepository(session).ListAsync(token)).ToDictionary(county => county.Code, StringComparer.Ordinal);
            var reported = (await session.Connection.QueryAsync<string>(new CommandDefinition(
                "SELECT code FROM consumption WHERE year = @year AND month = @number", new { year, number }, cancellationToken: token))).ToHashSet(StringComparer.Ordinal);
            var missing = institutions.Where(institution => !reported.Contains(institution.Code)).ToArray();
            var kind = ScheduledJobs.ReportingReminders.Id;
            var notifications = new List<Notification>();
            notifications.AddRange(missing.Select(institution => new Notification(kind, $"institution:{institution.Code}", institution.Code, period,
                string.Format(Strings.JobReminderInstitution, institution.Name, year, number))));
            foreach (var county in missing.GroupBy(institution => institution.CountyCode).OrderBy(group => group.Key, StringComparer.Ordinal))
            {
                var name = counties.TryGetValue(county.Key, out var found) ? found.Name : county.Key;
                notifications.Add(new Notification(kind, $"county:{county.Key}", county.Key, period,
                    string.Format(Strings.JobReminderCounty, name, county.Count(), year, number, Names(county.Select(institution => institution.Name)))));
            }

            if (missing.Length > 0)
            {
                notifications.Add(new Notification(kind, "bureau", Prefecture, period, string.Format(Strings.JobReminderBureau, year, number, missing.Length,
                    institutions.Count, string.Join("、", missing.GroupBy(institution => institution.CountyCode).OrderBy(group => group.Key, StringComparer.Ordinal)
                        .Select(group => $"{(counties.TryGetValue(group.Key, out var c) ? c.Name : group.Key)} {group.Count()}")))));
            }

            var added = await AddNotificationsAsync(session, notifications, token);
            return string.Format(Strings.JobRemindersDone, period, missing.Length, institutions.Count, added);
        }, cancellationToken);
    }

    /// <summary>Publishes the prefecture-direct units' consumption to the end of <paramref name="quarter"/> (default: the last quarter) against their quotas.</summary>
    public Task<string> QuarterlyPublicationAsync(string? quarter, CancellationToken cancellationToken)
    {
        var period = Period(ScheduledJobs.QuarterlyPublication.Id, quarter, ScheduledJobs.Today(clock));
        var (year, number) = JobPeriod.ParseQuarter(period);
        return RunOnceAsync(new JobKey(ScheduledJobs.QuarterlyPublication.Id, Prefecture, period), async token =>
        {
            var report = await QuarterlyConsumption.BuildAsync(database, year, number, clock.GetUtcNow().UtcDateTime, token);
            await using var session = await database.OpenAsync(token);
            var stored = await new PublicationRepository(session).AddAsync(QuarterlyConsumption.Kind, period,
                JsonSerializer.Serialize(report, PublicationJson.Options), clock.GetUtcNow().UtcDateTime, token);
            return string.Format(stored ? Strings.JobPublicationDone : Strings.JobPublicationExisted, period, report.Rows.Count, report.OverConstraint, report.Incomplete);
        }, cancellationToken);
    }

    /// <summary>
    /// For every workflow step past its deadline on <paramref name="day"/> (default: today): tells who must act, once per
    /// step; steps overdue <see cref="EscalationDays"/>.County days or more go into the county's digest of the day, and
    /// those overdue <see cref="EscalationDays"/>.Bureau days (a county's own step: County days) into the bureau's.
    /// </summary>
    public Task<string> DeadlineEscalationAsync(string? day, CancellationToken cancellationToken)
    {
        var period = Period(ScheduledJobs.DeadlineEscalation.Id, day, ScheduledJobs.Today(clock));
        var today = JobPeriod.ParseDay(period);
        return RunOnceAsync(new JobKey(ScheduledJobs.DeadlineEscalation.Id, Prefecture, period), async token =>
        {
            await using var session = await database.OpenAsync(token);
            var repository = new WorkflowRepository(session);
            var institutions = (await new InstitutionRepository(session).ListAsync(token)).ToDictionary(institution => institution.Code, StringComparer.Ordinal);
            var counties = (await new CountyRepository(session).ListAsync(token)).ToDictionary(county => county.Code, StringComparer.Ordinal);
            var instances = await repository.ListAsync(null, token);
            var definitions = await repository.DefinitionsOfAsync(instances, token);
            var notifications = new List<Notification>();
            var toCounty = new List<(string County, string Line)>();
            var toBureau = new List<(string County, string Line)>();
            var overdue = 0;
            foreach (var instance in instances)
            {
                var definition = definitions[instance.ContentHash];
                if (definition.State(instance.State) is not { Deadline: { } deadline } state || state.Final || deadline.For(instance.Year) >= today)
                {
                    continue;
                }

                overdue++;
                var due = deadline.For(instance.Year);
                var days = today.DayNumber - due.DayNumber;
                var ofCounty = instance.Subject == WorkflowSubject.County;
                var countyCode = ofCounty ? instance.SubjectCode : institutions.GetValueOrDefault(instance.SubjectCode)?.CountyCode ?? "";
                var name = ofCounty
                    ? counties.GetValueOrDefault(instance.SubjectCode)?.Name ?? instance.SubjectCode
                    : institutions.GetValueOrDefault(instance.SubjectCode)?.Name ?? instance.SubjectCode;
                var roles = definition.Triggers.Where(trigger => trigger.From.Contains(instance.State)).SelectMany(trigger => trigger.Roles)
                    .Where(role => role != "system").Distinct().ToArray();
                var line = string.Format(Strings.JobOverdue, name, instance.SubjectCode, instance.Year, state.Label.Current, days, JobPeriod.Day(due),
                    string.Join("、", roles.Select(UserRoles.Label)));
                notifications.AddRange(roles.Select(role => role switch
                    {
                        "institution" => $"institution:{instance.SubjectCode}",
                        "county" => $"county:{countyCode}",
                        _ => "bureau",
                    }).Distinct()
                    .Select(recipient => new Notification("deadline-overdue", recipient, instance.SubjectCode, $"{instance.Year}/{instance.State}", line)));
                if (!ofCounty && days >= EscalationDays.County)
                {
                    toCounty.Add((countyCode, line));
                }

                if (days >= (ofCounty ? EscalationDays.County : EscalationDays.Bureau))
                {
                    toBureau.Add((countyCode, line));
                }
            }

            foreach (var county in toCounty.GroupBy(item => item.County))
            {
                notifications.Add(new Notification(ScheduledJobs.DeadlineEscalation.Id, $"county:{county.Key}", county.Key, period,
                    string.Format(Strings.JobEscalationCounty, counties.GetValueOrDefault(county.Key)?.Name ?? county.Key, county.Count(), EscalationDays.County,
                        Lines(county.Select(item => item.Line)))));
            }

            if (toBureau.Count > 0)
            {
                var byCounty = string.Join("、", toBureau.GroupBy(item => item.County).OrderBy(group => group.Key, StringComparer.Ordinal)
                    .Select(group => $"{counties.GetValueOrDefault(group.Key)?.Name ?? group.Key} {group.Count()}"));
                notifications.Add(new Notification(ScheduledJobs.DeadlineEscalation.Id, "bureau", Prefecture, period,
                    string.Format(Strings.JobEscalationBureau, toBureau.Count, EscalationDays.Bureau, byCounty, Lines(toBureau.Select(item => item.Line)))));
            }

            var added = await AddNotificationsAsync(session, notifications, token);
            return string.Format(Strings.JobEscalationDone, period, overdue, added, toCounty.Count, toBureau.Count);
        }, cancellationToken);
    }

    /// <summary>
    /// Scores each open year (or <paramref name="year"/>) once every institution's review is done, or once the review
    /// deadline has passed: stores an assessment run, then moves every instance waiting to be scored on by
    /// <see cref="ScoreTrigger"/>, as the system. A year not ready yet is left for a later night.
    /// </summary>
    public async Task<string> AnnualAssessmentAsync(int? year, CancellationToken cancellationToken)
    {
        var today = ScheduledJobs.Today(clock);
        if (year is not null)
        {
            Period(ScheduledJobs.AnnualAssessment.Id, year.Value.ToString(CultureInfo.InvariantCulture), today);
        }

        IReadOnlyList<WorkflowInstance> instances;
        IReadOnlyDictionary<string, WorkflowDefinition> definitions;
        await using (var session = await database.OpenAsync(cancellationToken))
        {
            var repository = new WorkflowRepository(session);
            instances = await repository.ListAsync(year, cancellationToken);
            definitions = await repository.DefinitionsOfAsync(instances, cancellationToken);
        }

        var lines = new List<string>();
        var years = instances.Select(instance => instance.Year).Distinct().Order().ToArray();
        if (years.Length == 0)
        {
            return year is { } wanted ? string.Format(Strings.JobAnnualYearNotOpen, wanted) : Strings.JobAnnualNoYear;
        }

        foreach (var candidate in years)
        {
            var ofYear = instances.Where(instance => instance.Year == candidate).ToArray();
            var key = new JobKey(ScheduledJobs.AnnualAssessment.Id, Prefecture, candidate.ToString(CultureInfo.InvariantCulture));
            if (await _ledger.FindAsync(key, cancellationToken) is { Status: "done" })
            {
                // Scored on an earlier night. Units reviewed since are scored by a run of their own, once per day.
                var waiting = ofYear.Count(instance => definitions[instance.ContentHash].Trigger(ScoreTrigger)?.From.Contains(instance.State) == true);
                if (waiting > 0)
                {
                    lines.Add(await RunOnceAsync(new JobKey("annual-assessment-late", Prefecture, $"{candidate}/{JobPeriod.Day(today)}"),
                        token => ScoreYearAsync(candidate, key with { Kind = "annual-assessment-late-run", Period = $"{candidate}/{JobPeriod.Day(today)}" }, token),
                        cancellationToken));
                }
                else if (year is not null)
                {
                    lines.Add(await RunOnceAsync(key, _ => Task.FromResult(""), cancellationToken)); // says it was done, and what it did
                }

                continue;
            }

            if (Readiness(ofYear, definitions, candidate, today) is { } notReady)
            {
                lines.Add(notReady);
                continue;
            }

            // The run is its own piece of work, so that a retry after a failure in moving the instances does not score twice.
            lines.Add(await RunOnceAsync(key, token => ScoreYearAsync(candidate, key with { Kind = "annual-assessment-run" }, token), cancellationToken));
        }

        if (lines.Count == 0)
        {
            return Strings.JobAnnualNothing;
        }

        return string.Join(Environment.NewLine, lines);
    }

    // Stores an assessment run of the year (once, under runKey), then moves every instance waiting to be scored.
    private async Task<string> ScoreYearAsync(int year, JobKey runKey, CancellationToken cancellationToken)
    {
        var run = await RunOnceAsync(runKey, async inner =>
        {
            var stored = await new AssessmentService(database, clock).AssessAsync(year, Strings.JobAnnualNote, inner);
            return string.Format(Strings.JobAnnualRun, stored.Run.Id, stored.Institutions.Count, stored.Counties.Count);
        }, cancellationToken);
        var (moved, skipped) = await ScoreInstancesAsync(year, cancellationToken);
        return string.Format(Strings.JobAnnualDone, year, run, moved, skipped);
    }

    /// <summary>
    /// Checks <paramref name="period"/> for <paramref name="jobId"/> as the job will when it runs, so that a job is not
    /// queued only to fail: the format, and that the period has ended.
    /// </summary>
    public static void CheckPeriod(string jobId, string? period, TimeProvider clock)
    {
        if (period is not null)
        {
            Period(ScheduledJobs.Get(jobId).Id, period, ScheduledJobs.Today(clock));
        }
    }

    /// <summary>
    /// The period a run covers, written the one way: <paramref name="given"/>, or the one just ended. A period that has not
    /// ended is refused: run early, the job would work on incomplete data and take the key the real run needs.
    /// </summary>
    private static string Period(string jobId, string? given, DateOnly today)
    {
        string period;
        DateOnly ends; // the first day after the period
        switch (jobId)
        {
            case "reporting-reminders":
                var (year, month) = given is null ? JobPeriod.PreviousMonth(today) : JobPeriod.ParseMonth(given);
                (period, ends) = (JobPeriod.Month(year, month), new DateOnly(year, month, 1).AddMonths(1));
                break;
            case "quarterly-publication":
                var (quarterYear, quarter) = given is null ? JobPeriod.PreviousQuarter(today) : JobPeriod.ParseQuarter(given);
                (period, ends) = (JobPeriod.Quarter(quarterYear, quarter), new DateOnly(quarterYear, quarter * 3, 1).AddMonths(1));
                break;
            case "deadline-escalation":
                var day = given is null ? today : JobPeriod.ParseDay(given);
                (period, ends) = (JobPeriod.Day(day), day);
                break;
            default:
                var assessed = JobPeriod.ParseYear(given ?? today.Year.ToString(CultureInfo.InvariantCulture));
                (period, ends) = (assessed.ToString(CultureInfo.InvariantCulture), new DateOnly(assessed + 1, 1, 1)); // a year is assessed once it is over
                break;
        }

        return ends <= today ? period : throw new ArgumentException(string.Format(Strings.JobPeriodNotEnded, period, JobPeriod.Day(today)));
    }

    // Null when the year may be scored; otherwise why not yet.
    private static string? Readiness(IReadOnlyList<WorkflowInstance> instances, IReadOnlyDictionary<string, WorkflowDefinition> definitions, int year, DateOnly today)
    {
        var institutions = instances.Where(instance => instance.Subject == WorkflowSubject.Institution).ToArray();
        if (institutions.Length == 0)
        {
            return string.Format(Strings.JobAnnualNoInstitutions, year);
        }

        var definition = definitions[institutions[0].ContentHash];
        var scoreFrom = definition.Trigger(ScoreTrigger)?.From.Select(definition.Order).Min() ?? -1;
        if (scoreFrom < 0)
        {
            return string.Format(Strings.JobAnnualNoScoreTrigger, definition.DefinitionId, ScoreTrigger);
        }

        var reviewed = institutions.Count(instance => definitions[instance.ContentHash].Order(instance.State) >= scoreFrom);
        var deadline = definition.States.Take(scoreFrom).Select(state => state.Deadline?.For(year)).Max();
        return reviewed == institutions.Length || deadline < today
            ? null
            : string.Format(Strings.JobAnnualNotReady, year, reviewed, institutions.Length, deadline is { } due ? JobPeriod.Day(due) : "-");
    }

    // Fires the score trigger, as the system, on every instance of the year from whose state it may fire.
    private async Task<(int Moved, int Skipped)> ScoreInstancesAsync(int year, CancellationToken cancellationToken)
    {
        var waiting = new List<long>();
        await using (var session = await database.OpenAsync(cancellationToken))
        {
            var repository = new WorkflowRepository(session);
            var instances = await repository.ListAsync(year, cancellationToken);
            var definitions = await repository.DefinitionsOfAsync(instances, cancellationToken);
            foreach (var instance in instances)
            {
                if (definitions[instance.ContentHash].Trigger(ScoreTrigger)?.From.Contains(instance.State) == true)
                {
                    waiting.Add(instance.Id);
                }
            }
        }

        // One moved by someone else meanwhile is refused, not failed: theirs stands.
        var batch = await new WorkflowService(database, clock).FireManyAsync(waiting, ScoreTrigger, User.System.Username, null, cancellationToken);
        return (batch.Fired.Count, batch.Refused.Count);
    }

    private Task<string> RunOnceAsync(JobKey key, Func<CancellationToken, Task<string>> work, CancellationToken cancellationToken) =>
        _ledger.DescribeOnceAsync(key, work, runningElsewhereFails: false, cancellationToken);

    private async Task<int> AddNotificationsAsync(DbSession session, IReadOnlyList<Notification> notifications, CancellationToken cancellationToken)
    {
        await session.BeginAsync(cancellationToken);
        var added = await new NotificationRepository(session).AddAsync(notifications, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return added;
    }

    private static string Names(IEnumerable<string> names) => Shortened(names, "、");

    private static string Lines(IEnumerable<string> lines) => Environment.NewLine + Shortened(lines, Environment.NewLine);

    // The first few of a long list, and how many more.
    private static string Shortened(IEnumerable<string> items, string separator)
    {
        const int Shown = 10;
        var list = items.ToArray();
        return list.Length <= Shown ? string.Join(separator, list) : string.Join(separator, list.Take(Shown)) + separator + string.Format(Strings.JobAndMore, list.Length - Shown);
    }
}

/// <summary>How publications are written: camelCase, enums as names, Chinese kept readable.</summary>
public static class PublicationJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };
}
