using System.Globalization;
using Assessment.Assessing;
using CsvHelper;
using MiniExcelLibs;

namespace Assessment.Reports;

/// <summary>Assessment results as rows for a spreadsheet: ranks, score, grade, and the points of every top-level item.</summary>
public static class ResultExport
{
    /// <summary>Writes one row per result as CSV (a header first).</summary>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<AssessmentResult> results)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        var rows = Rows(results);
        foreach (var key in rows.FirstOrDefault()?.Keys ?? Enumerable.Empty<string>())
        {
            csv.WriteField(key);
        }

        csv.NextRecord();
        foreach (var row in rows)
        {
            foreach (var value in row.Values)
            {
                csv.WriteField(value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value?.ToString() ?? "");
            }

            csv.NextRecord();
        }
    }

    /// <summary>Writes the same rows as <see cref="WriteCsv"/> to an XLSX workbook (MiniExcel).</summary>
    public static void WriteXlsx(Stream stream, IReadOnlyList<AssessmentResult> results) => stream.SaveAs(Rows(results));

    private static List<Dictionary<string, object?>> Rows(IReadOnlyList<AssessmentResult> results)
    {
        var items = results.SelectMany(result => result.Items.Where(item => item.Group is null).Select(item => item.Rule)).Distinct().ToArray();
        return results.Select(result =>
        {
            var row = new Dictionary<string, object?>
            {
                ["rank"] = result.Rank,
                ["rankInCategory"] = result.RankInCategory,
                ["rankInCounty"] = result.RankInCounty,
                ["code"] = result.Code,
                ["name"] = result.Name,
                ["county"] = result.County,
                ["category"] = result.Category,
                ["year"] = result.Year,
                ["score"] = Math.Round(result.Score, 4),
                ["maxScore"] = result.MaxScore,
                ["grade"] = result.Grade,
                ["vetoed"] = result.Vetoed,
                ["deducted"] = result.Deducted,
                ["demonstrations"] = string.Join(" ", result.Demonstrations.Where(d => d.Qualifies).Select(d => d.Programme)),
                ["penalties"] = string.Join(" ", result.Penalties.Select(p => p.Action).Distinct()),
                ["issues"] = string.Join(" ", result.Issues.Select(issue => issue.Rule)),
            };
            var points = result.Items.Where(line => line.Group is null).ToDictionary(line => line.Rule, line => line.Points, StringComparer.Ordinal);
            foreach (var item in items)
            {
                row[item] = points.TryGetValue(item, out var value) ? value : null;
            }

            return row;
        }).ToList();
    }
}
