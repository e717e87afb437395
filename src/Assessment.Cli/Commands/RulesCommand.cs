using System.CommandLine;
using Assessment.Assessing;
using Assessment.Cli.Resources;
using Assessment.Data;
using Assessment.Resources;
using Assessment.Rules;
using Spectre.Console;

namespace Assessment.Cli.Commands;

/// <summary><c>assessment rules validate|test|publish|simulate</c>: the bureau's rule sets, checked before they are used.</summary>
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
        var path = new Argument<string>("FILE") { Description = CliText.RulesPath };
        var year = CliOptions.Year("--year", CliText.IndicatorsYear);
        var top = new Option<int>("--top") { Description = CliText.RankTop, DefaultValueFactory = _ => 10 };
        var command = new Command("simulate", CliText.RulesSimulateDescription) { path, year, top };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var yearValue = CliOptions.Required(parsed, year);
            var check = RuleSetValidation.Check(parsed.GetValue(path)!).Single();
            if (!check.Passed)
            {
                throw new RuleSetException(check.Problems);
            }

            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            var simulation = await context.WithStatusAsync(CliText.IndicatorsWorking,
                () => new AssessmentService(database, context.Clock).SimulateAsync(check.RuleSet!, yearValue, parsed.GetValue(top), cancellationToken));
            context.Console.MarkupLine(Markup.Escape(string.Format(CliText.RulesSimulated, simulation.Draft, simulation.Year, simulation.Subjects,
                simulation.GradeChanges, simulation.RankChanges, simulation.DemonstrationChanges, simulation.Elapsed.TotalSeconds, simulation.Loading.TotalSeconds)));

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
            return 0;
        }));
        return command;
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
