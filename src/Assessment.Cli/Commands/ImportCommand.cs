using System.CommandLine;
using Assessment.Cli.Resources;
using Assessment.Data;
using Assessment.Import;
using Spectre.Console;

namespace Assessment.Cli.Commands;

/// <summary><c>assessment import counties|institutions|consumption FILE</c>: all or nothing, every bad row reported.</summary>
public static class ImportCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("import", CliText.ImportDescription);
        command.Subcommands.Add(Kind(context, "counties", ImportKind.Counties, CliText.ImportCounties));
        command.Subcommands.Add(Kind(context, "institutions", ImportKind.Institutions, CliText.ImportInstitutions));
        command.Subcommands.Add(Kind(context, "consumption", ImportKind.Consumption, CliText.ImportConsumption));
        command.Subcommands.Add(Kind(context, "quotas", ImportKind.Quotas, CliText.ImportQuotas));
        command.Subcommands.Add(Kind(context, "targets", ImportKind.Targets, CliText.ImportTargets));
        command.Subcommands.Add(Kind(context, "checklist", ImportKind.Checklist, CliText.ImportChecklist));
        return command;
    }

    private static Command Kind(CliContext context, string name, ImportKind kind, string description)
    {
        var file = new Argument<string>("FILE") { Description = CliText.ImportFile };
        var encoding = new Option<string>("--encoding") { Description = CliText.ImportEncoding, DefaultValueFactory = _ => "auto" };
        encoding.AcceptOnlyFromAmong("auto", "utf-8", "utf8", "gb18030", "gbk");
        var sheet = new Option<string?>("--sheet") { Description = CliText.ImportSheet };
        var year = CliOptions.Year("--year", CliText.ImportYear);
        var command = new Command(name, description) { file, encoding, sheet };
        if (kind == ImportKind.Institutions)
        {
            command.Options.Add(year);
        }

        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            var options = new ImportOptions(parsed.GetValue(encoding)!, parsed.GetValue(sheet), parsed.GetValue(year));
            var result = await context.WithStatusAsync(string.Format(CliText.ImportWorking, parsed.GetValue(file)),
                () => new Importer(database, context.Clock).ImportAsync(kind, parsed.GetValue(file)!, options, cancellationToken));
            if (!result.Succeeded)
            {
                await context.Error.WriteLineAsync(string.Format(CliText.ImportRefused, result.File, result.Errors.Count));
                foreach (var error in result.Errors)
                {
                    await context.Error.WriteLineAsync("  " + error);
                }

                return 1;
            }

            var counts = result.Counts!;
            context.Console.MarkupLine(Markup.Escape(string.Format(CliText.ImportDone, result.File, counts.Total, counts.Inserted, counts.Replaced,
                counts.Unchanged, result.ImportId)));
            if (kind == ImportKind.Institutions && options.Year is null)
            {
                context.Console.MarkupLine(Markup.Escape(CliText.ImportNoYearHint));
            }

            return 0;
        }));
        return command;
    }
}
