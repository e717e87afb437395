using System.CommandLine;
using Assessment.Assessing;
using Assessment.Cli.Resources;
using Assessment.Data;
using Assessment.Domain;
using Assessment.Resources;
using Spectre.Console;

namespace Assessment.Cli.Commands;

/// <summary><c>assessment rank --year Y</c>: the latest results, ranked, filtered, in a table or exported.</summary>
public static class RankCommand
{
    public static Command Create(CliContext context)
    {
        var year = CliOptions.Year("--year", CliText.IndicatorsYear);
        var level = new Option<string>("--level") { Description = CliText.RankLevel, DefaultValueFactory = _ => "institution" };
        level.AcceptOnlyFromAmong("institution", "county");
        var category = new Option<string?>("--category") { Description = CliText.IndicatorsCategory };
        var county = new Option<string?>("--county") { Description = CliText.IndicatorsCounty };
        var format = new Option<string>("--format") { Description = CliText.OptionFormat + " / xlsx", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json", "csv", "xlsx");
        var output = new Option<string?>("--output", "-o") { Description = CliText.OptionOutput, HelpName = "FILE" };
        var top = new Option<int?>("--top") { Description = CliText.RankTop };
        var command = new Command("rank", CliText.RankDescription) { year, level, category, county, format, output, top };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var yearValue = CliOptions.Required(parsed, year);
            var path = CliOptions.Writable(parsed.GetValue(output));
            var formatValue = parsed.GetValue(format)!;
            if (formatValue == "xlsx" && path is null)
            {
                throw new ArgumentException(CliText.RankXlsxNeedsFile);
            }

            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            var stored = await new AssessmentService(database, context.Clock).LatestAsync(yearValue, cancellationToken)
                         ?? throw new ArgumentException(string.Format(Strings.AssessNoRun, yearValue));
            var counties = parsed.GetValue(level) == "county";
            IEnumerable<AssessmentResult> results = counties ? stored.Counties : stored.Institutions;
            if (parsed.GetValue(category) is { } categoryText)
            {
                var code = (Categories.Parse(categoryText) ?? throw new ArgumentException(string.Format(CliText.CategoryUnknown, categoryText,
                    string.Join(", ", Categories.All.Select(c => c.Code()))))).Code();
                results = results.Where(result => result.Category == code).OrderBy(result => result.RankInCategory);
            }

            if (parsed.GetValue(county) is { } countyText)
            {
                var match = stored.Institutions.FirstOrDefault(result => result.CountyCode == countyText || result.County == countyText)
                            ?? throw new ArgumentException(string.Format(Strings.CountyUnknown, countyText));
                results = results.Where(result => result.CountyCode == match.CountyCode).OrderBy(result => result.RankInCounty);
            }

            var list = results.Take(parsed.GetValue(top) ?? int.MaxValue).ToArray();
            var formatted = new FormattedOutput(() => ResultOutput.Table(list, counties), writer => ResultOutput.WriteJson(writer, list),
                writer => ResultOutput.WriteCsv(writer, list), list.Length);
            if (formatValue == "xlsx")
            {
                await ResultOutput.WriteXlsxAsync(path!, list);
                formatted.Written(context, path);
            }
            else
            {
                await formatted.WriteAsync(context, formatValue, path);
            }

            return 0;
        }));
        return command;
    }
}
