using System.CommandLine;
using Assessment.Assessing;
using Assessment.Cli.Resources;
using Assessment.Cli.Simulator;
using Assessment.Data;
using Assessment.Resources;
using Assessment.Rules;
using Spectre.Console;

namespace Assessment.Cli.Commands;

/// <summary><c>assessment rules validate|test|publish|list|simulate|simulator</c>: the bureau's rule sets, checked before they are used.</summary>
public static class RulesCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("rules", CliText.RulesDescription);
        command.Subcommands.Add(Validate(context));
        command.Subcommands.Add(Test(context));
        command.Subcommands.Add(Publish(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Simulate(context));
        command.Subcommands.Add(SimulatorCommand(context));
        return command;
    }

    private static Command Publish(CliContext context)
    {
        var path = new Argument<string>("FILE|DIR") { Description = CliText.RulesPath };
        var command = new Command("publish", CliText.RulesPublishDescription) { path };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            var outcome = await RulePublisher.PublishAsync(database, parsed.GetValue(path)!, context.Clock, cancellationToken);
            foreach (var set in outcome.Sets)
            {
                context.Console.MarkupLine(Markup.Escape(string.Format(CliText.RulesValid, set.Source, set.Id, set.Document.Version, set.AllRules.Count(),
                    set.Document.Examples.Count)));
            }

            context.Console.MarkupLine(Markup.Escape(string.Format(CliText.AssessPublished,
                outcome.NewVersions.Count == 0 ? "–" : string.Join(", ", outcome.NewVersions))));
            return 0;
        }));
        return command;
    }

    private static Command List(CliContext context)
    {
        var year = CliOptions.Year("--year", CliText.IndicatorsYear);
        var command = new Command("list", CliText.RulesListDescription) { year };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            await using var session = await database.OpenAsync(cancellationToken);
            var repository = new RuleSetRepository(session);
            var inForce = parsed.GetValue(year) is { } y ? (await repository.InForceAsync(y, cancellationToken)).Select(row => row.Key).ToHashSet() : [];
            var table = new Table().Border(TableBorder.Rounded);
            table.AddColumn("id").AddColumn(CliText.Label_Version).AddColumn(CliText.Label_Kind).AddColumn(CliText.Label_FirstYear)
                .AddColumn(CliText.FactorTableHash).AddColumn(CliText.FactorTableTitle).AddColumn(CliText.Label_Published).AddColumn("");
            foreach (var row in await repository.ListAsync(cancellationToken))
            {
                table.AddRow(Markup.Escape(row.RuleSetId), Markup.Escape(row.Version), row.Kind, row.FirstYear.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    row.ContentHash[..12], Markup.Escape(row.Title), row.PublishedAt.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                    inForce.Contains(row.Key) ? CliText.RulesInForce : "");
            }

            context.Console.Write(table);
            return 0;
        }));
        return command;
    }

    private static Command Simulate(CliContext context)
    {
        var path = new Argument<string>("FILE") { Description = CliText.RulesDraftPath };
        var year = CliOptions.Year("--year", CliText.IndicatorsYear);
        var top = new Option<int>("--top") { Description = CliText.RankTop, DefaultValueFactory = _ => 10 };
        var watch = new Option<bool>("--watch") { Description = CliText.RulesSimulateWatch };
        var local = new Option<bool>("--local") { Description = CliText.RulesSimulateLocal };
        var command = new Command("simulate", CliText.RulesSimulateDescription) { path, year, top, watch, local };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var yearValue = CliOptions.Required(parsed, year);
            var file = parsed.GetValue(path)!;
            if (!parsed.GetValue(watch) && !parsed.GetValue(local) && File.Exists(file)
                && await AskSimulatorAsync(context, context.Target(parsed), file, yearValue, parsed.GetValue(top), cancellationToken) is { } answered)
            {
                return answered;
            }

            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            if (parsed.GetValue(watch))
            {
                await using var cache = new SimulationCache(database, context.Clock);
                await WatchAsync(context, file, cache, yearValue, parsed.GetValue(top), cancellationToken);
                return 0;
            }

            var draft = Draft(file);
            var simulation = await context.WithStatusAsync(CliText.IndicatorsWorking,
                () => new AssessmentService(database, context.Clock).SimulateAsync(draft, yearValue, parsed.GetValue(top), cancellationToken));
            Print(context, simulation);
            return 0;
        }));
        return command;
    }

    // The draft simulated by the simulator running on the database (rules simulator), if one answers: its exit code,
    // or null when none answers and the command reads the year itself.
    private static async Task<int?> AskSimulatorAsync(CliContext context, DatabaseTarget target, string file, int year, int top, CancellationToken cancellationToken)
    {
        var socket = SimulatorChannel.SocketPath(target);
        if (!File.Exists(socket) || new FileInfo(file).Length > RuleSetReader.MaxBytes)
        {
            return null; // no simulator; a file too large is refused below, unread
        }

        var text = await File.ReadAllTextAsync(file, cancellationToken);
        var request = new SimulatorRequest(file, text, year, top, System.Globalization.CultureInfo.CurrentUICulture.Name);
        var (asked, reply) = await SimulatorChannel.AskAsync(socket, request, cancellationToken);
        if (reply is not { } answer)
        {
            if (asked)
            {
                await context.Error.WriteLineAsync(string.Format(CliText.RulesSimulatorSilent, socket)); // why this one takes seconds
            }

            return null;
        }

        if (answer.Simulation is { } simulation)
        {
            Print(context, simulation);
            context.Console.MarkupLine(Markup.Escape(string.Format(CliText.RulesSimulatedBySimulator, answer.Pid)));
            return 0;
        }

        foreach (var problem in answer.Problems ?? [])
        {
            await context.Error.WriteLineAsync(problem);
        }

        if (answer.Error is { } error)
        {
            await context.Error.WriteLineAsync($"{CliText.ErrorPrefix}{error}");
        }

        return 1;
    }

    private static Command SimulatorCommand(CliContext context)
    {
        var year = CliOptions.Year("--year", CliText.SimulatorYear);
        var idle = new Option<int>("--idle-minutes")
        {
            Description = CliText.SimulatorIdleMinutes,
            DefaultValueFactory = _ => 60,
            HelpName = "MINUTES",
            CustomParser = result => CliOptions.WholeNumber(result, 0, 525_600, text => string.Format(CliText.SimulatorIdleInvalid, text)) ?? 0,
        };
        var command = new Command("simulator", CliText.SimulatorDescription) { year, idle };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var target = context.Target(parsed);
            var database = DatabaseSetup.OpenExisting(target);
            await new SimulatorServer(database, context.Clock, context.Output)
                .RunAsync(SimulatorChannel.SocketPath(target), parsed.GetValue(year), TimeSpan.FromMinutes(parsed.GetValue(idle)), cancellationToken);
            return 0;
        }));
        return command;
    }

    // The draft in the file, or the problems that keep it from being used (a missing file is one of them).
    private static CompiledRuleSet Draft(string file) => Passed(RuleSetValidation.Check(OneFile(file)).Single());

    private static CompiledRuleSet Passed(RuleSetValidation check) => check.Passed ? check.RuleSet! : throw new RuleSetException(check.Problems);

    // A simulation tries one draft: a folder of them is refused, not read.
    private static string OneFile(string file) =>
        Directory.Exists(file) ? throw new ArgumentException(string.Format(CliText.RulesSimulateOneFile, file)) : file;

    /// <summary>
    /// Simulates the draft in <paramref name="file"/>, then again every time it is saved, until cancelled (Ctrl+C). On
    /// SQLite the year is read once and kept while the database does not change (<see cref="SimulationCache"/>), so every
    /// answer after the first is the draft's own run. A draft that fails its checks or whose rules fail is reported and
    /// waited on.
    /// </summary>
    private static async Task WatchAsync(CliContext context, string file, SimulationCache cache, int year, int top, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(OneFile(file));
        if (!File.Exists(full))
        {
            Draft(file); // says the file is not there, as without --watch
        }

        using var saved = new SemaphoreSlim(0);
        using var watcher = new FileSystemWatcher(Path.GetDirectoryName(full)!, Path.GetFileName(full))
        {
            NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName | NotifyFilters.CreationTime,
        };
        watcher.Changed += (_, _) => saved.Release();
        watcher.Created += (_, _) => saved.Release();
        watcher.Renamed += (_, _) => saved.Release(); // editors that save through a temporary file
        watcher.EnableRaisingEvents = true;

        string? last = null;
        try
        {
            while (true)
            {
                var text = await ReadIfThereAsync(context, full, cancellationToken);
                if (text is not null && text != last)
                {
                    last = text;
                    await SimulateSavedAsync(context, text, full, cache, year, top, cancellationToken);
                    context.Console.MarkupLine(Markup.Escape(string.Format(CliText.RulesWatching, file)));
                }

                await saved.WaitAsync(cancellationToken);
                // A save is often several events (truncate, write, rename): let it finish, then read once.
                await Task.Delay(TimeSpan.FromMilliseconds(30), cancellationToken);
                while (saved.CurrentCount > 0)
                {
                    await saved.WaitAsync(cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the watch ends.
        }
    }

    // The file's text; null while it is not there (an editor saving through a temporary file removes it briefly) or
    // cannot be read (said, and the next save is read).
    private static async Task<string?> ReadIfThereAsync(CliContext context, string file, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(file, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"{CliText.ErrorPrefix}{e.Message}");
            return null;
        }
    }

    // Checks and simulates the text just read (not the file again: it may have changed since).
    private static async Task SimulateSavedAsync(CliContext context, string text, string file, SimulationCache cache, int year, int top,
        CancellationToken cancellationToken)
    {
        try
        {
            var draft = Passed(RuleSetValidation.CheckText(text, file));
            Print(context, await context.WithStatusAsync(CliText.IndicatorsWorking, () => cache.SimulateAsync(draft, year, top, cancellationToken)));
        }
        catch (RuleSetException e)
        {
            foreach (var problem in e.Problems)
            {
                await context.Error.WriteLineAsync(problem);
            }
        }
        catch (RuleEvaluationException e)
        {
            await context.Error.WriteLineAsync($"{CliText.ErrorPrefix}{e.Message}");
        }
    }

    private static void Print(CliContext context, Simulation simulation)
    {
        context.Console.MarkupLine(Markup.Escape(simulation.Loading == TimeSpan.Zero
            ? string.Format(CliText.RulesSimulatedKept, simulation.Draft, simulation.Year, simulation.Subjects, simulation.GradeChanges, simulation.RankChanges,
                simulation.DemonstrationChanges, simulation.Elapsed.TotalSeconds, Scheduling.ScheduledJobs.Display(simulation.DataLoadedAt))
            : string.Format(CliText.RulesSimulated, simulation.Draft, simulation.Year, simulation.Subjects, simulation.GradeChanges, simulation.RankChanges,
                simulation.DemonstrationChanges, simulation.Elapsed.TotalSeconds, simulation.Loading.TotalSeconds)));

        var grades = new Table().Border(TableBorder.Rounded).AddColumn(CliText.Label_Grade)
            .AddColumn(new TableColumn(CliText.Label_Before).RightAligned()).AddColumn(new TableColumn(CliText.Label_After).RightAligned());
        foreach (var grade in RuleCompiler.Grades)
        {
            grades.AddRow(Markup.Escape(ResultOutput.Grade(grade)), simulation.GradesBefore.GetValueOrDefault(grade).ToString(System.Globalization.CultureInfo.InvariantCulture),
                simulation.GradesAfter.GetValueOrDefault(grade).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        context.Console.Write(grades);
        var movers = new Table().Border(TableBorder.Rounded).AddColumn(Strings.Label_Code).AddColumn(Strings.Label_Name)
            .AddColumn(new TableColumn(CliText.Label_Score).RightAligned()).AddColumn(CliText.Label_Grade).AddColumn(new TableColumn(CliText.Label_Rank).RightAligned())
            .AddColumn(CliText.Label_Demonstrations);
        foreach (var mover in simulation.Movers)
        {
            movers.AddRow(Markup.Escape(mover.Code), Markup.Escape(mover.Name), $"{CliFormat.Number(mover.ScoreBefore)} → {CliFormat.Number(mover.ScoreAfter)}",
                Markup.Escape($"{ResultOutput.Grade(mover.GradeBefore)} → {ResultOutput.Grade(mover.GradeAfter)}"), $"{mover.RankBefore} → {mover.RankAfter}",
                Markup.Escape(string.Join(" ", mover.DemonstrationsGained.Select(p => "+" + p).Concat(mover.DemonstrationsLost.Select(p => "−" + p)))));
        }

        context.Console.Write(movers);
    }

    private static Command Validate(CliContext context)
    {
        var path = new Argument<string>("FILE|DIR") { Description = CliText.RulesPath };
        var command = new Command("validate", CliText.RulesValidateDescription) { path };
        command.SetAction(CliApp.Guard(context, async (parsed, _) =>
        {
            var results = RuleSetValidation.Check(parsed.GetValue(path)!);
            foreach (var result in results)
            {
                if (result.Passed)
                {
                    context.Console.MarkupLine(Markup.Escape(string.Format(CliText.RulesValid, result.File, result.RuleSet!.Id, result.RuleSet.Document.Version,
                        result.RuleSet.AllRules.Count(), result.Examples.Count)));
                }
                else
                {
                    foreach (var problem in result.Problems)
                    {
                        await context.Error.WriteLineAsync(problem);
                    }
                }
            }

            var failed = results.Count(result => !result.Passed);
            if (failed > 0)
            {
                await context.Error.WriteLineAsync(string.Format(CliText.RulesInvalid, failed, results.Count));
            }

            return failed > 0 ? 1 : 0;
        }));
        return command;
    }

    private static Command Test(CliContext context)
    {
        var path = new Argument<string>("FILE") { Description = CliText.RulesPath };
        var command = new Command("test", CliText.RulesTestDescription) { path };
        command.SetAction(CliApp.Guard(context, async (parsed, _) =>
        {
            var set = RuleSetReader.ReadFile(parsed.GetValue(path)!);
            var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{set.Document.Title.Current} ({set.VersionKey})"));
            table.AddColumn(CliText.RulesExample).AddColumn(CliText.RulesResult).AddColumn(CliText.RulesActual);
            var results = ExampleRunner.Run(set);
            foreach (var result in results)
            {
                table.AddRow(Markup.Escape(result.Example),
                    result.Passed ? $"[green]{CliText.RulesPassed}[/]" : $"[red]{Markup.Escape(string.Join("; ", result.Differences))}[/]",
                    Markup.Escape(result.Actual));
            }

            context.Console.Write(table);
            var failed = results.Count(result => !result.Passed);
            if (failed > 0)
            {
                await context.Error.WriteLineAsync(string.Format(CliText.RulesExamplesFailed, failed, results.Count));
            }

            return failed > 0 ? 1 : 0;
        }));
        return command;
    }
}
