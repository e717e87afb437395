using System.Globalization;
using Assessment.Assessing;
using Assessment.Cli.Resources;
using Assessment.Domain;
using Assessment.Indicators;
using Assessment.Reports;
using Assessment.Resources;
using Spectre.Console;

namespace Assessment.Cli;

/// <summary>Writes assessment results as a ranked table, JSON, CSV or an XLSX workbook.</summary>
public static class ResultOutput
{
    /// <summary>The grade's name in the user's language.</summary>
    public static string Grade(string code) =>
        code.Length == 0 ? "–" : CliText.ResourceManager.GetString("Grade_" + code, CliText.Culture) ?? code;

    /// <summary>A ranked table of <paramref name="results"/>.</summary>
    public static Table Table(IReadOnlyList<AssessmentResult> results, bool counties)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn(CliText.Label_Rank).RightAligned());
        if (!counties)
        {
            table.AddColumn(new TableColumn(CliText.Label_RankInCategory).RightAligned()).AddColumn(new TableColumn(CliText.Label_RankInCounty).RightAligned());
        }

        table.AddColumn(Strings.Label_Code).AddColumn(Strings.Label_Name);
        if (!counties)
        {
            table.AddColumn(Strings.Label_County).AddColumn(Strings.Label_Category);
        }

        table.AddColumn(new TableColumn(CliText.Label_Score).RightAligned()).AddColumn(CliText.Label_Grade)
            .AddColumn(CliText.Label_Demonstrations).AddColumn(CliText.Label_Penalties);
        foreach (var result in results)
        {
            var cells = new List<string> { result.Rank.ToString(CultureInfo.InvariantCulture) };
            if (!counties)
            {
                cells.Add(result.RankInCategory.ToString(CultureInfo.InvariantCulture));
                cells.Add(result.RankInCounty.ToString(CultureInfo.InvariantCulture));
            }

            cells.Add(Markup.Escape(result.Code));
            cells.Add(Markup.Escape(result.Name));
            if (!counties)
            {
                cells.Add(Markup.Escape(result.County ?? ""));
                cells.Add(Markup.Escape(result.Category is { } category ? IndicatorAggregator.CategoryName(Categories.FromCode(category)) : ""));
            }

            cells.Add(CliFormat.Number(result.Score));
            cells.Add(Markup.Escape(Grade(result.Grade)) + (result.Vetoed ? " [red]✗[/]" : ""));
            cells.Add(Markup.Escape(string.Join(", ", result.Demonstrations.Where(d => d.Qualifies).Select(d => CliFormat.IsEnglish ? d.TitleEn : d.Title))));
            cells.Add(Markup.Escape(string.Join(", ", result.Penalties.Select(p => CliFormat.IsEnglish ? p.LabelEn : p.Label))));
            table.AddRow(cells.ToArray());
        }

        return table;
    }

    /// <summary>Writes <paramref name="results"/> as a JSON array (the public form of <see cref="AssessmentResult"/>).</summary>
    public static void WriteJson(TextWriter writer, IReadOnlyList<AssessmentResult> results) => IndicatorOutput.WriteJsonArray(writer, results);

    /// <summary>Writes one row per result: ranks, score, grade, and the points of every top-level item.</summary>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<AssessmentResult> results) => ResultExport.WriteCsv(writer, results);

    /// <summary>Writes the same rows as <see cref="WriteCsv"/> to an XLSX workbook (MiniExcel).</summary>
    public static Task WriteXlsxAsync(string path, IReadOnlyList<AssessmentResult> results) =>
        OutputFile.WriteAsync(path, file => ResultExport.WriteXlsx(file, results));
}
