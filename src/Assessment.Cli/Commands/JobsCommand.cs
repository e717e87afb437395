using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Assessment.Cli.Resources;
using Assessment.Data;
using Assessment.Reports;
using Assessment.Resources;
using Assessment.Scheduling;
using Cronos;
using Spectre.Console;

namespace Assessment.Cli.Commands;

/// <summary>
/// <c>assessment worker</c>, <c>assessment schedule list|set</c> and <c>assessment jobs run|enqueue|list|notifications|publication</c>:
/// the scheduled work, its schedules, and what it produced.
/// </summary>
public static class JobsCommand
{
    private static readonly string[] JobIds = ScheduledJobs.All.Select(job => job.Id).ToArray();

    public static Command Worker(CliContext context)
    {
        var store = Store();
        var duration = new Option<int?>("--for") { Description = CliText.WorkerFor, HelpName = "SECONDS" };
        duration.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is <= 0)
            {
                result.AddError(CliText.WorkerForInvalid);
            }
        });
        var workers = new Option<int>("--workers") { Description = CliText.WorkerCount, DefaultValueFactory = _ => 2 };
        workers.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 20)
            {
                result.AddError(CliText.WorkerCountInvalid);
            }
        });
        var lease = new Option<int?>("--lease") { Description = CliText.WorkerLease, HelpName = "SECONDS" };
        lease.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 10)
            {
                result.AddError(CliText.WorkerLeaseInvalid);
            }
        });
        var command = new Command("worker", CliText.WorkerDescription) { store, duration, workers, lease };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var target = context.Target(parsed);
            var database = DatabaseSetup.OpenExisting(target);
            var leaseTime = parsed.GetValue(lease) is { } leaseSeconds ? TimeSpan.FromSeconds(leaseSeconds) : (TimeSpan?)null;
            var storage = JobHost.CreateStorage(target, StoreOf(parsed, store), lease: leaseTime);
            var host = JobHost.Start(database, storage, context.Clock, new JobHostOptions
            {
                WorkerCount = parsed.GetValue(workers),
                Lease = leaseTime,
                Log = line => context.Console.MarkupLine(Markup.Escape($"{TimeZoneInfo.ConvertTime(context.Clock.GetUtcNow(), ScheduledJobs.TimeZone):HH:mm:ss} {line}")),
            });
            await using (host)
            {
                var schedules = await host.ApplySchedulesAsync(cancellationToken);
                context.Console.Write(ScheduleTable(schedules, context.Clock));
                context.Console.MarkupLine(Markup.Escape(string.Format(CliText.WorkerStarted, StoreName(target, StoreOf(parsed, store)))));
                try
                {
                    await Task.Delay(parsed.GetValue(duration) is { } seconds ? TimeSpan.FromSeconds(seconds) : Timeout.InfiniteTimeSpan, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C: stop after the jobs running now.
                }

                context.Console.MarkupLine(Markup.Escape(CliText.WorkerStopping));
            }

            return 0;
        }));
        return command;
    }

    public static Command Schedule(CliContext context)
    {
        var command = new Command("schedule", CliText.ScheduleDescription);
        var list = new Command("list", CliText.ScheduleListDescription);
        list.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            await using var session = await database.OpenAsync(cancellationToken);
            context.Console.Write(ScheduleTable(await new ScheduleRepository(session).ListAsync(cancellationToken), context.Clock));
            return 0;
        }));

        var job = Job();
        var cron = new Option<string?>("--cron") { Description = CliText.ScheduleCron, HelpName = "\"m h dom mon dow\"" };
        var enabled = new Option<bool?>("--enabled") { Description = CliText.ScheduleEnabled, HelpName = "true|false" };
        var set = new Command("set", CliText.ScheduleSetDescription) { job, cron, enabled };
        set.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            if (parsed.GetValue(cron) is null && parsed.GetValue(enabled) is null)
            {
                throw new ArgumentException(CliText.ScheduleNothing);
            }

            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            await using var session = await database.OpenAsync(cancellationToken);
            var repository = new ScheduleRepository(session);
            var current = (await repository.ListAsync(cancellationToken)).Single(schedule => schedule.Job.Id == parsed.GetValue(job));
            var expression = parsed.GetValue(cron) ?? current.Cron;
            try
            {
                CronExpression.Parse(expression);
            }
            catch (CronFormatException e)
            {
                throw new ArgumentException(string.Format(CliText.ScheduleCronInvalid, expression, e.Message), e);
            }

            await repository.SetAsync(current.Job.Id, expression, parsed.GetValue(enabled) ?? current.Enabled, context.Clock.GetUtcNow().UtcDateTime, cancellationToken);
            context.Console.Write(ScheduleTable(await repository.ListAsync(cancellationToken), context.Clock));
            context.Console.MarkupLine(Markup.Escape(CliText.ScheduleAppliedAtStart));
            return 0;
        }));

        command.Subcommands.Add(list);
        command.Subcommands.Add(set);
        return command;
    }

    public static Command Jobs(CliContext context)
    {
        var command = new Command("jobs", CliText.JobsDescription);
        command.Subcommands.Add(Run(context));
        command.Subcommands.Add(Enqueue(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Notifications(context));
        command.Subcommands.Add(Publication(context));
        return command;
    }

    private static Command Run(CliContext context)
    {
        var job = Job();
        var period = Period();
        var command = new Command("run", CliText.JobsRunDescription) { job, period };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            var summary = await new AssessmentJobs(database, context.Clock).RunAsync(parsed.GetValue(job)!, parsed.GetValue(period), cancellationToken);
            context.Console.MarkupLine(Markup.Escape(summary));
            return 0;
        }));
        return command;
    }

    private static Command Enqueue(CliContext context)
    {
        var job = Job();
        var period = Period();
        var store = Store();
        var command = new Command("enqueue", CliText.JobsEnqueueDescription) { job, period, store };
        command.SetAction(CliApp.Guard(context, (parsed, _) =>
        {
            var target = context.Target(parsed);
            DatabaseSetup.OpenExisting(target);
            if (StoreOf(parsed, store) == JobStore.Memory)
            {
                throw new ArgumentException(CliText.JobsEnqueueMemory);
            }

            var storage = JobHost.CreateStorage(target, StoreOf(parsed, store));
            var id = JobHost.Enqueue(storage, parsed.GetValue(job)!, parsed.GetValue(period), context.Clock);
            context.Console.MarkupLine(Markup.Escape(string.Format(CliText.JobsEnqueued, parsed.GetValue(job), id, StoreName(target, StoreOf(parsed, store)))));
            return Task.FromResult(0);
        }));
        return command;
    }

    private static Command List(CliContext context)
    {
        var kind = new Option<string?>("--kind") { Description = CliText.JobsKind };
        var limit = new Option<int>("--limit") { Description = CliText.JobsLimit, DefaultValueFactory = _ => 50 };
        var command = new Command("list", CliText.JobsListDescription) { kind, limit };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            var runs = await new JobLedger(database, context.Clock).ListAsync(parsed.GetValue(kind), parsed.GetValue(limit), cancellationToken);
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(string.Format(CliText.JobsListTitle, runs.Count)))
                .AddColumn(CliText.JobsColumnJob).AddColumn(CliText.JobsColumnScope).AddColumn(CliText.JobsColumnPeriod).AddColumn(CliText.JobsColumnStatus)
                .AddColumn(CliText.JobsColumnAttempts).AddColumn(CliText.JobsColumnStarted).AddColumn(CliText.JobsColumnFinished).AddColumn(CliText.JobsColumnResult);
            foreach (var run in runs)
            {
                var status = run.Status switch
                {
                    "done" => $"[green]{Markup.Escape(CliText.JobsStatusDone)}[/]",
                    "failed" => $"[red]{Markup.Escape(CliText.JobsStatusFailed)}[/]",
                    _ => Markup.Escape(CliText.JobsStatusRunning),
                };
                table.AddRow(Markup.Escape(run.Key.Kind), Markup.Escape(run.Key.Scope), Markup.Escape(run.Key.Period), status,
                    run.Attempts.ToString(CultureInfo.InvariantCulture), ScheduledJobs.Display(run.StartedAt), run.FinishedAt is { } finished ? ScheduledJobs.Display(finished) : "",
                    Markup.Escape(run.Error ?? run.Result ?? ""));
            }

            context.Console.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Notifications(CliContext context)
    {
        var user = new Option<string?>("--for") { Description = CliText.JobsNotificationsFor, HelpName = "USER" };
        var kind = new Option<string?>("--kind") { Description = CliText.JobsKind };
        var limit = new Option<int>("--limit") { Description = CliText.JobsLimit, DefaultValueFactory = _ => 50 };
        var command = new Command("notifications", CliText.JobsNotificationsDescription) { user, kind, limit };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            await using var session = await database.OpenAsync(cancellationToken);
            string[]? recipients = null;
            if (parsed.GetValue(user) is { } username)
            {
                var found = await new UserRepository(session).GetAsync(username, cancellationToken)
                            ?? throw new ArgumentException(string.Format(Strings.WorkflowUserUnknown, username));
                recipients = [Notification.RecipientFor(found.RoleCode, found.Scope)];
            }

            var notifications = await new NotificationRepository(session).ListAsync(recipients, parsed.GetValue(kind), parsed.GetValue(limit), cancellationToken);
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(string.Format(CliText.JobsNotificationsTitle, notifications.Count)))
                .AddColumn(CliText.JobsColumnCreated).AddColumn(CliText.JobsColumnJob).AddColumn(CliText.JobsColumnRecipient).AddColumn(CliText.JobsColumnPeriod)
                .AddColumn(CliText.JobsColumnMessage);
            foreach (var notification in notifications)
            {
                table.AddRow(ScheduledJobs.Display(notification.CreatedAt), Markup.Escape(notification.Kind), Markup.Escape(notification.Recipient),
                    Markup.Escape(notification.Period), Markup.Escape(notification.Message));
            }

            context.Console.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Publication(CliContext context)
    {
        var period = new Option<string?>("--period") { Description = CliText.JobsPublicationPeriod, HelpName = "2026-Q3" };
        var json = new Option<bool>("--json") { Description = CliText.JobsPublicationJson };
        var command = new Command("publication", CliText.JobsPublicationDescription) { period, json };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            await using var session = await database.OpenAsync(cancellationToken);
            var publications = new PublicationRepository(session);
            if (parsed.GetValue(period) is { } given)
            {
                JobPeriod.ParseQuarter(given); // a period that is not a quarter is said to be so, not "not published"
            }

            var wanted = parsed.GetValue(period) ?? (await publications.PeriodsAsync(QuarterlyConsumption.Kind, cancellationToken)).FirstOrDefault()
                         ?? throw new ArgumentException(CliText.JobsPublicationNone);
            var document = await publications.GetAsync(QuarterlyConsumption.Kind, wanted, cancellationToken)
                           ?? throw new ArgumentException(string.Format(CliText.JobsPublicationMissing, wanted,
                               string.Join(", ", await publications.PeriodsAsync(QuarterlyConsumption.Kind, cancellationToken))));
            if (parsed.GetValue(json))
            {
                await context.Output.WriteLineAsync(document);
                return 0;
            }

            var report = JsonSerializer.Deserialize<QuarterlyConsumption>(document, PublicationJson.Options)!;
            var table = new Table().Border(TableBorder.Rounded)
                .Title(Markup.Escape(string.Format(CliText.JobsPublicationTitle, report.Period, report.ThroughMonth, report.Rows.Count, report.OverConstraint)))
                .AddColumn(Strings.Label_Code).AddColumn(Strings.Label_Name).AddColumn(Strings.Label_Category).AddColumn(Strings.Label_Months)
                .AddColumn(new TableColumn(CliText.JobsPublicationEnergy).RightAligned())
                .AddColumn(new TableColumn(Strings.Label_EnergyPerArea).RightAligned())
                .AddColumn(new TableColumn(Strings.Label_EnergyPerCapita).RightAligned())
                .AddColumn(new TableColumn(Strings.Label_WaterPerCapita).RightAligned());
            foreach (var row in report.Rows)
            {
                table.AddRow(Markup.Escape(row.Code), Markup.Escape(row.Name), Markup.Escape(row.CategoryName),
                    row.MonthsReported < report.ThroughMonth ? $"[yellow]{row.MonthsReported}[/]" : row.MonthsReported.ToString(CultureInfo.InvariantCulture),
                    (row.EnergyKgce / 1000).ToString("N2", CultureInfo.InvariantCulture),
                    Compared(row.EnergyPerArea, "N2"), Compared(row.EnergyPerCapita, "N1"), Compared(row.WaterPerCapita, "N2"));
            }

            context.Console.Write(table);
            context.Console.MarkupLine(Markup.Escape(CliText.JobsPublicationLegend));
            return 0;
        }));
        return command;
    }

    private static string Compared(QuotaComparison comparison, string format)
    {
        var value = comparison.Value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "—";
        var quota = comparison.Constraint is { } constraint ? $" / {constraint.ToString(format, CultureInfo.InvariantCulture)}" : "";
        return comparison.Level switch
        {
            QuotaLevel.Over => $"[red]{value}{quota} ▲[/]",
            QuotaLevel.Guide => $"[green]{value}{quota}[/]",
            _ => $"{value}{quota}",
        };
    }

    private static Table ScheduleTable(IReadOnlyList<JobSchedule> schedules, TimeProvider clock)
    {
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(CliText.ScheduleTitle))
            .AddColumn(CliText.JobsColumnJob).AddColumn(CliText.ScheduleColumnCron).AddColumn(CliText.ScheduleColumnEnabled)
            .AddColumn(CliText.ScheduleColumnNext).AddColumn(CliText.ScheduleColumnDescription);
        foreach (var schedule in schedules)
        {
            var next = schedule.Enabled
                ? CronExpression.Parse(schedule.Cron).GetNextOccurrence(clock.GetUtcNow(), ScheduledJobs.TimeZone) is { } at
                    ? ScheduledJobs.Display(at)
                    : "—"
                : "—";
            table.AddRow(Markup.Escape(schedule.Job.Id), Markup.Escape(schedule.Cron) + (schedule.UpdatedAt is null ? Markup.Escape(CliText.ScheduleDefault) : ""),
                schedule.Enabled ? CliText.Yes : $"[yellow]{Markup.Escape(CliText.No)}[/]", next, Markup.Escape(schedule.Job.Description));
        }

        return table;
    }

    private static Argument<string> Job()
    {
        var job = new Argument<string>("JOB") { Description = string.Join(", ", JobIds) };
        job.AcceptOnlyFromAmong(JobIds);
        return job;
    }

    private static Option<string?> Period() => new("--period")
    {
        Description = CliText.JobsPeriod,
        HelpName = string.Join("|", ScheduledJobs.All.Select(job => job.PeriodExample)),
    };

    private static Option<string?> Store()
    {
        var store = new Option<string?>("--store") { Description = CliText.WorkerStore, HelpName = "file|memory|sqlserver|postgresql" };
        store.AcceptOnlyFromAmong("file", "memory", "sqlserver", "postgresql");
        return store;
    }

    private static JobStore? StoreOf(ParseResult parsed, Option<string?> store) =>
        parsed.GetValue(store) is { } name ? Enum.Parse<JobStore>(name, ignoreCase: true) : null;

    private static string StoreName(DatabaseTarget target, JobStore? store) =>
        (store ?? JobHost.DefaultStore(target.Kind)) switch
        {
            JobStore.File => JobHost.StorePath(target.FilePath!),
            JobStore.Memory => CliText.WorkerStoreMemory,
            _ => target.Display,
        };
}
