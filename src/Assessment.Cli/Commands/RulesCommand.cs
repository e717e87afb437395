using System.CommandLine;
using Assessment.Cli.Resources;
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
