using System.CommandLine;
using System.Globalization;
using Assessment.Assessing;
using Assessment.Cli.Resources;
using Assessment.Data;
using Assessment.Rules;
using Assessment.Rules.Results;
using Spectre.Console;

namespace Assessment.Cli.Commands;

/// <summary><c>assessment explain --year Y --code C</c>: every rule's outcome and the input values that decided it.</summary>
public static class ExplainCommand
{
    public static Command Create(CliContext context)
    {
        var year = CliOptions.Year("--year", CliText.IndicatorsYear);
        var code = new Option<string>("--code") { Description = CliText.ExplainCode, Required = true };
        var level = new Option<string>("--level") { Description = CliText.RankLevel, DefaultValueFactory = _ => "institution" };
        level.AcceptOnlyFromAmong("institution", "county");
        var command = new Command("explain", CliText.ExplainDescription) { year, code, level };
        command.SetAction(CliApp.Guard(context, async (parsed, cancellationToken) =>
        {
            var database = DatabaseSetup.OpenExisting(context.Target(parsed));
            var explanation = await context.WithStatusAsync(CliText.IndicatorsWorking, () => new AssessmentService(database, context.Clock)
                .ExplainAsync(CliOptions.Required(parsed, year), parsed.GetValue(code)!, parsed.GetValue(level)!, cancellationToken));
            var stored = explanation.Stored;
            context.Console.MarkupLine(Markup.Escape(string.Format(CliText.ExplainHeader, stored.Code, stored.Name, stored.Year, explanation.Run.Id,
                stored.Score, stored.MaxScore, ResultOutput.Grade(stored.Grade),
                (stored.Vetoed ? string.Format(CliText.ExplainVetoed, string.Join(", ", stored.Vetoes)) : "")
                + (stored.Deducted > 0 ? string.Format(CliText.ExplainDeducted, stored.Deducted) : ""))));
            if (!explanation.Matches)
            {
                context.Console.MarkupLine("[yellow]" + Markup.Escape(string.Format(CliText.ExplainChanged, explanation.Recomputed.Score,
                    ResultOutput.Grade(explanation.Recomputed.Grade))) + "[/]");
            }

            foreach (var set in explanation.Traces.GroupBy(trace => trace.RuleSet))
            {
                var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(set.Key));
                table.AddColumn(CliText.ExplainRule).AddColumn(new TableColumn(CliText.ExplainOutcome).RightAligned()).AddColumn(CliText.ExplainInputs);
                foreach (var trace in set)
                {
                    var label = (trace.Group is null ? "" : "  ") + (CliFormat.IsEnglish ? trace.LabelEn : trace.Label);
                    table.AddRow(Markup.Escape(label), Markup.Escape(Outcome(trace, stored)), Markup.Escape(Inputs(trace)));
                }

                context.Console.Write(table);
            }

            return 0;
        }));
        return command;
    }

    // Scoring items show points of their maximum; other rules whether they held.
    private static string Outcome(RuleTrace trace, AssessmentResult stored)
    {
        var item = trace.Kind == RuleSetKind.Scoring ? stored.Items.FirstOrDefault(line => line.Rule == trace.Rule) : null;
        if (item is not null)
        {
            return item.Applies ? $"{CliFormat.Number(item.Points)} / {CliFormat.Number(item.MaxPoints)}" : CliText.ExplainNotApplicable;
        }

        var holds = trace.Holds switch
        {
            true => CliText.ExplainHolds,
            false => CliText.ExplainNotHolds,
            null => "",
        };
        return trace.Output is { } output && trace.Holds != false ? $"{holds} {CliFormat.Number(output)}".Trim() : holds;
    }

    private static string Inputs(RuleTrace trace) => string.Join("\n", trace.Inputs.Select(input =>
        $"{InputLabels.Describe(input.Path)} = {Value(input.Value)}  [{input.Path}]"));

    private static string Value(object? value) => value switch
    {
        null => "null",
        double d when double.IsNaN(d) => "?",
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        string s => $"\"{s}\"",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
