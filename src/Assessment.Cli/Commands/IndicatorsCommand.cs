using System.CommandLine;
using Assessment.Cli.Resources;
using Assessment.Data;
using Assessment.Domain;
using Assessment.Indicators;
using Assessment.Reports;
using Assessment.Resources;
using Spectre.Console;

namespace Assessment.Cli.Commands;

/// <summary><c>assessment indicators --year Y</c>: indicators of institutions, counties, categories or the prefecture.</summary>
public static class IndicatorsCommand
{
    public static Command Create(CliContext context)
    {
        var year = CliOptions.Year("--year", CliText.IndicatorsYear);
        var level = new Option<string>("--level") { Description = CliText.IndicatorsLevel, DefaultValueFactory = _ => "institution" };
        level.AcceptOnlyFromAmong("institution", "county", "category", "prefecture");
        var format = new Option<string>("--format") { Description = CliText.OptionFormat, DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv");
        var county = new Option<string?>("--county") { Description = CliText.IndicatorsCounty };
        var category = new Option<string?>("--category") { Description = CliText.IndicatorsCategory };
        var baseline = CliOptions.Year("--baseline", CliText.IndicatorsBaseline);
        var output = new Option<string?>("--output", "-o") { Description = CliText.OptionOutput, HelpName = "FILE" };

        var command = new Command("indicators", CliText.IndicatorsDescription) { year, level, format, county, category, baseline, output };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var yearValue = CliOptions.Required(parsed, year);
            var path = CliOptions.Writable(parsed.GetValue(output));
            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            var categoryText = parsed.GetValue(category);
            InstitutionCategory? categoryFilter = null;
            if (categoryText is not null)
            {
                categoryFilter = Categories.Parse(categoryText)
                                 ?? throw new ArgumentException(string.Format(CliText.CategoryUnknown, categoryText,
                                     string.Join(", ", Categories.All.Select(c => c.Code()))));
            }

            var levelValue = Enum.Parse<IndicatorLevel>(parsed.GetValue(level)!, ignoreCase: true);
            var query = new IndicatorQuery(yearValue, levelValue, parsed.GetValue(baseline),
                await ResolveCountyAsync(database, parsed.GetValue(county), cancellationToken), categoryFilter);
            var rows = await context.WithStatusAsync(CliText.IndicatorsWorking, () => IndicatorReport.BuildAsync(database, query, cancellationToken));

            if (rows.All(row => row.MonthsReported == 0))
            {
                await context.Error.WriteLineAsync(string.Format(CliText.IndicatorsNoData, yearValue));
            }

            var formatValue = parsed.GetValue(format)!;
            await new FormattedOutput(() => IndicatorOutput.Table(rows, levelValue), writer => IndicatorOutput.WriteJson(writer, rows),
                writer => IndicatorOutput.WriteCsv(writer, rows), rows.Count).WriteAsync(context, formatValue, path);
            if (formatValue == "table" && path is null)
            {
                WriteNotes(context, rows);
            }

            return 0;
        }));
        return command;
    }

    /// <summary>The county code for a code or a name given on the command line.</summary>
    private static async Task<string?> ResolveCountyAsync(Database database, string? county, CancellationToken cancellationToken)
    {
        if (county is null)
        {
            return null;
        }

        await using var session = await database.OpenAsync(cancellationToken);
        var counties = await new CountyRepository(session).ListAsync(cancellationToken);
        return counties.FirstOrDefault(c => c.Code == county || c.Name == county)?.Code
               ?? throw new ArgumentException(string.Format(Strings.CountyUnknown, county));
    }

    private static void WriteNotes(CliContext context, IReadOnlyList<IndicatorRow> rows)
    {
        var baselineYears = rows.Select(row => row.ChangeVsBaseline?.ReferenceYear).OfType<int>().Distinct().Order().ToArray();
        var tables = rows.Select(row => row.FactorTable).OfType<string>().Distinct().ToArray();
        var incomplete = rows.Sum(row => row.InstitutionsIncomplete);
        context.Console.MarkupLine(Markup.Escape(string.Format(CliText.IndicatorsNotes,
            baselineYears.Length > 0 ? string.Join(", ", baselineYears) : "–", string.Join(", ", tables), incomplete)));
    }
}
