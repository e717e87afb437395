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
            switch (formatValue)
            {
                case "xlsx":
                    ResultOutput.WriteXlsx(path!, list);
                    break;
                case "table" when path is null:
                    context.Console.Write(ResultOutput.Table(list, counties));
                    return 0;
                default:
                    await using (var writer = path is null ? null : IndicatorOutput.FileWriter(path, byteOrderMark: formatValue == "csv"))
                    {
                        var target = writer ?? context.Output;
                        if (formatValue == "json")
                        {
                            ResultOutput.WriteJson(target, list);
                        }
                        else if (formatValue == "csv")
                        {
                            ResultOutput.WriteCsv(target, list);
                        }
                        else
                        {
                            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(target), Ansi = AnsiSupport.No });
                            console.Profile.Width = 400;
                            console.Write(ResultOutput.Table(list, counties));
                        }
                    }

                    break;
            }

            if (path is not null)
            {
                context.Console.MarkupLine(Markup.Escape(string.Format(CliText.Written, list.Length, path)));
            }

            return 0;
        }));
        return command;
    }
}
