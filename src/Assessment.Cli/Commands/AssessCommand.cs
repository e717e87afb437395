using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Assessment.Assessing;
using Assessment.Cli.Resources;
using Assessment.Data;
using Assessment.Scheduling;
using Spectre.Console;

namespace Assessment.Cli.Commands;

/// <summary><c>assessment assess --year Y</c>: score every institution and county, store the results with the versions used.</summary>
public static class AssessCommand
{
    public static Command Create(CliContext context)
    {
        var year = CliOptions.Year("--year", CliText.IndicatorsYear);
        var rules = new Option<string?>("--rules") { Description = CliText.AssessRules, HelpName = "DIR|FILE" };
        var reproduce = new Option<bool>("--reproduce") { Description = CliText.AssessReproduce };
        var run = new Option<long?>("--run") { Description = CliText.AssessRun };
        var note = new Option<string?>("--note") { Description = CliText.AssessNote };
        var jobs = new Option<bool>("--jobs") { Description = CliText.AssessJobs };
        var wait = new Option<bool>("--wait") { Description = CliText.AssessWait };
        var memoryLimit = new Option<double?>("--memory-limit")
        {
            Description = CliText.AssessMemoryLimit,
            HelpName = "GiB",
            // Read the same in every locale (3.75, never 375), and refused in plain words where no limit could be.
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var gib) && gib is >= MinimumGiB and <= MaximumGiB)
                {
                    return gib;
                }

                result.AddError(string.Format(CultureInfo.InvariantCulture, CliText.AssessMemoryLimitInvalid, text, MinimumGiB, MaximumGiB));
                return null;
            },
        };
        var command = new Command("assess", CliText.AssessDescription) { year, rules, reproduce, run, note, jobs, wait, memoryLimit };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var yearValue = CliOptions.Required(parsed, year);
            if (parsed.GetValue(memoryLimit) is { } gib)
            {
                LimitMemory(gib);
            }

            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            if (parsed.GetValue(rules) is { } path)
            {
                var published = await RulePublisher.PublishAsync(database, path, context.Clock, cancellationToken);
                context.Console.MarkupLine(Markup.Escape(string.Format(CliText.AssessPublished,
                    published.NewVersions.Count == 0 ? "–" : string.Join(", ", published.NewVersions))));
            }

            var service = new AssessmentService(database, context.Clock);
            var watch = Stopwatch.StartNew();
            if (parsed.GetValue(reproduce) || parsed.GetValue(run) is not null)
            {
                var reproduction = await context.WithStatusAsync(CliText.IndicatorsWorking,
                    () => service.ReproduceAsync(yearValue, parsed.GetValue(run), cancellationToken));
                context.Console.MarkupLine(Markup.Escape(string.Format(CliText.AssessReproduced, reproduction.Original.Id, reproduction.Stored.Count,
                    reproduction.Stored.Count - reproduction.Different.Count)));
                foreach (var different in reproduction.Different.Take(20))
                {
                    await context.Error.WriteLineAsync(string.Format(CliText.AssessDifferent, different));
                }

                return reproduction.Different.Count == 0 ? 0 : 1;
            }

            if (parsed.GetValue(jobs))
            {
                return await SplitAsync(context, database, yearValue, parsed.GetValue(wait), cancellationToken);
            }

            var stored = await context.WithStatusAsync(CliText.IndicatorsWorking, () => service.AssessAsync(yearValue, parsed.GetValue(note), cancellationToken));
            Summary(context, stored, watch.Elapsed);
            return 0;
        }));
        return command;
    }

    // The collector keeps the heap under the limit, collecting harder as it nears it, instead of growing while the machine
    // has memory (a national run on two cores otherwise takes 4.6-6 GiB where a 3.5 GiB heap suffices); a run that needs more
    // fails with OutOfMemoryException, which the command reports. As DOTNET_GCHeapHardLimit would, set after start.
    private const double MinimumGiB = 0.01; // below 10 MB the runtime itself cannot run
    private const double MaximumGiB = 1 << 20;

    private static void LimitMemory(double gib)
    {
        AppContext.SetData("GCHeapHardLimit", (ulong)(gib * (1L << 30)));
        try
        {
            GC.RefreshMemoryLimit();
        }
        catch (InvalidOperationException)
        {
            // Less than the process already holds.
            throw new ArgumentException(string.Format(CultureInfo.InvariantCulture, CliText.AssessMemoryLimitInvalid, gib, MinimumGiB, MaximumGiB));
        }
    }

    // Enqueues a run split by county on the database's job store, for the workers sharing it; with --wait, waits for it.
    private static async Task<int> SplitAsync(CliContext context, Database database, int year, bool wait, CancellationToken cancellationToken)
    {
        var storage = JobHost.CreateStorage(database.Target);
        var split = new SplitAssessment(database, context.Clock, new JobLedger(database, context.Clock), new Hangfire.BackgroundJobClient(storage));
        var watch = Stopwatch.StartNew();
        var key = await split.StartAsync(year, cancellationToken);
        context.Console.MarkupLine(Markup.Escape(string.Format(CliText.AssessSplitStarted, key, year, database.Target.Display)));
        if (!wait)
        {
            return 0;
        }

        // A piece that failed is retried by Hangfire; once Hangfire has given up on one of the run's jobs (its Failed
        // state), nothing moves the run on, and waiting longer is pointless.
        long? runId;
        var reported = new HashSet<(string, int)>();
        var monitoring = storage.GetMonitoringApi();
        while ((runId = await split.StoredRunAsync(key, cancellationToken)) is null)
        {
            foreach (var failed in await split.FailedAsync(key, cancellationToken))
            {
                var piece = $"{failed.Key.Kind}/{failed.Key.Period}";
                if (reported.Add((piece, failed.Attempts)))
                {
                    await context.Error.WriteLineAsync(string.Format(CliText.AssessSplitFailing, key, piece, failed.Attempts, failed.Error));
                }
            }

            var abandoned = monitoring.FailedJobs(0, 1000).Select(entry => entry.Value)
                .FirstOrDefault(job => job.Job?.Args.Any(arg => arg as string == key) == true);
            if (abandoned is not null)
            {
                await context.Error.WriteLineAsync(string.Format(CliText.AssessSplitGaveUp, key,
                    string.Join(" ", abandoned.Job!.Args.Where(arg => arg is string or int)), abandoned.ExceptionMessage));
                return 1;
            }

            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        }

        var stored = await new AssessmentService(database, context.Clock).LatestAsync(year, cancellationToken);
        context.Console.MarkupLine(Markup.Escape(string.Format(CliText.AssessSplitDone, key, runId)));
        if (stored is not null && stored.Run.Id == runId)
        {
            Summary(context, stored, watch.Elapsed);
        }

        return 0;
    }

    private static void Summary(CliContext context, AssessmentService.Stored stored, TimeSpan elapsed)
    {
        var run = stored.Run;
        context.Console.MarkupLine(Markup.Escape(string.Format(CliText.AssessDone, run.Id, run.Year, run.Institutions, run.Counties, elapsed.TotalSeconds)));
        context.Console.MarkupLine(Markup.Escape(string.Format(CliText.AssessVersions, string.Join(", ", run.RuleSets.Select(key => key[..(key.IndexOf('@') + 13)])))));
        context.Console.MarkupLine(Markup.Escape(string.Format(CliText.AssessFactorTables, string.Join(", ", run.FactorTables.Select(key => key[..(key.IndexOf('@') + 13)])))));

        var grades = new Table().Border(TableBorder.Rounded).Title(CliText.AssessGrades)
            .AddColumn(CliText.Label_Grade).AddColumn(new TableColumn(CliText.Label_Count).RightAligned()).AddColumn(new TableColumn(CliText.Label_Share).RightAligned());
        foreach (var grade in Rules.RuleCompiler.Grades)
        {
            var count = stored.Institutions.Count(result => result.Grade == grade);
            grades.AddRow(Markup.Escape(ResultOutput.Grade(grade)), count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                CliFormat.Percent((double)count / Math.Max(1, stored.Institutions.Count)).TrimStart('+'));
        }

        context.Console.Write(grades);
        if (stored.Counties.Count > 0)
        {
            context.Console.Write(ResultOutput.Table(stored.Counties.OrderBy(result => result.Rank).ToArray(), counties: true));
        }

        context.Console.Write(ResultOutput.Table(stored.Institutions.OrderBy(result => result.Rank).ThenBy(result => result.Code).Take(10).ToArray(), counties: false));
    }
}
