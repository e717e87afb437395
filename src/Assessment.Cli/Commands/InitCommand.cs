using System.CommandLine;
using Assessment.Cli.Resources;
using Assessment.Data;
using Spectre.Console;

namespace Assessment.Cli.Commands;

/// <summary><c>assessment init</c>: creates or upgrades the database and loads the factor tables.</summary>
public static class InitCommand
{
    public static Command Create(CliContext context)
    {
        var prefecture = new Option<string?>("--prefecture") { Description = CliText.InitPrefecture };
        var factors = new Option<string?>("--factors") { Description = CliText.OptionFactors, HelpName = "DIR" };
        var command = new Command("init", CliText.InitDescription) { prefecture, factors };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var database = new Database(context.Target(parsed));
            var outcome = await DatabaseSetup.InitAsync(database, parsed.GetValue(factors), parsed.GetValue(prefecture), context.Clock, cancellationToken: cancellationToken);
            context.Console.MarkupLine(string.Format(CliText.InitDone, Markup.Escape(database.Target.Display), outcome.ScriptsApplied.Count));
            var table = new Table().AddColumns(CliText.FactorTableId, CliText.FactorTableYears, CliText.FactorTableTitle, CliText.FactorTableHash);
            foreach (var factorTable in outcome.FactorTables)
            {
                table.AddRow(Markup.Escape(factorTable.Id), $"{factorTable.FirstYear}–{factorTable.LastYear}",
                    Markup.Escape(CliFormat.IsEnglish ? factorTable.TitleEn : factorTable.TitleZh), factorTable.ContentHash[..12]);
            }

            context.Console.Write(table);
            context.Console.MarkupLine(Markup.Escape(string.Format(CliText.InitRules, outcome.RuleSets.Count, outcome.RuleSetsNew)));
            return 0;
        }));
        return command;
    }
}
