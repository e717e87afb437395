using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Assessment.Indicators;
using Assessment.Resources;
using CsvHelper;
using Spectre.Console;

namespace Assessment.Cli;

/// <summary>Writes indicator rows as a table for people, or as JSON or CSV for other programs.</summary>
public static class IndicatorOutput
{
    /// <summary>The JSON form of rows: camelCase, indented, Chinese left readable.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly string[] ChangeFields = ["energyKgce", "energyPerCapita", "energyPerArea", "waterM3", "waterPerCapita", "co2Tonnes", "co2PerArea"];

    /// <summary>A table of <paramref name="rows"/>.</summary>
    public static Table Table(IReadOnlyList<IndicatorRow> rows, IndicatorLevel level)
    {
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(Strings.Label_Code).AddColumn(Strings.Label_Name);
        if (level == IndicatorLevel.Institution)
        {
            table.AddColumn(Strings.Label_County).AddColumn(Strings.Label_Category);
        }
        else
        {
            table.AddColumn(new TableColumn(Strings.Label_Institutions).RightAligned());
        }

        foreach (var label in new[]
                 {
                     Strings.Label_EnergyTce, Strings.Label_EnergyPerCapita, Strings.Label_EnergyPerArea, Strings.Label_WaterPerCapita,
                     Strings.Label_Co2Tonnes, Strings.Label_Co2PerArea,
                     Strings.Label_AreaChangeVsBaseline, Strings.Label_AreaChangeVsPrevious,
                     level == IndicatorLevel.Institution ? Strings.Label_Months : Strings.Label_Incomplete,
                 })
        {
            table.AddColumn(new TableColumn(Markup.Escape(label)).RightAligned());
        }

        foreach (var row in rows)
        {
            var cells = new List<string> { Markup.Escape(row.Code), Markup.Escape(row.Name) };
            if (level == IndicatorLevel.Institution)
            {
                cells.Add(Markup.Escape(row.County ?? ""));
                cells.Add(Markup.Escape(row.Category is { } code ? IndicatorAggregator.CategoryName(Domain.Categories.FromCode(code)) : ""));
            }
            else
            {
                cells.Add(row.Institutions.ToString(CultureInfo.InvariantCulture));
            }

            cells.AddRange(
            [
                CliFormat.Number(row.EnergyKgce / 1000, 1),
                CliFormat.Number(row.EnergyPerCapita),
                CliFormat.Number(row.EnergyPerArea),
                CliFormat.Number(row.WaterPerCapita),
                CliFormat.Number(row.Co2Tonnes, 1),
                CliFormat.Number(row.Co2PerArea),
                CliFormat.Percent(row.ChangeVsBaseline?.EnergyPerArea),
                CliFormat.Percent(row.ChangeVsPrevious?.EnergyPerArea),
                Completeness(row, level),
            ]);
            table.AddRow(cells.ToArray());
        }

        return table;
    }

    // An institution's months reported (highlighted when short), or how many of a group's institutions are short.
    private static string Completeness(IndicatorRow row, IndicatorLevel level)
    {
        var text = level == IndicatorLevel.Institution
            ? row.MonthsReported.ToString(CultureInfo.InvariantCulture)
            : row.InstitutionsIncomplete.ToString(CultureInfo.InvariantCulture);
        return row.InstitutionsIncomplete > 0 ? $"[yellow]{text}[/]" : text;
    }

    /// <summary>Writes <paramref name="rows"/> as a JSON array.</summary>
    public static void WriteJson(TextWriter writer, IReadOnlyList<IndicatorRow> rows) => WriteJsonArray(writer, rows);

    /// <summary>
    /// Writes <paramref name="items"/> as an indented JSON array, exactly as serializing the list at once would, but
    /// element by element in chunks: a national list (1.6 million results) is more text than one string may hold.
    /// </summary>
    public static void WriteJsonArray<T>(TextWriter writer, IEnumerable<T> items)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = Json.Encoder });

        void Drain()
        {
            json.Flush();
            writer.Write(System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan));
            buffer.ResetWrittenCount();
        }

        json.WriteStartArray();
        foreach (var item in items)
        {
            JsonSerializer.Serialize(json, item, Json);
            if (buffer.WrittenCount > 1 << 20)
            {
                Drain();
            }
        }

        json.WriteEndArray();
        Drain();
        writer.WriteLine();
    }

    /// <summary>Writes <paramref name="rows"/> as CSV: one column per field, changes flattened as <c>changeVsBaseline.energyPerArea</c>.</summary>
    public static void WriteCsv(TextWriter writer, IReadOnlyList<IndicatorRow> rows)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        string[] fields =
        [
            "level", "code", "name", "county", "countyCode", "category", "year", "energyKgce", "vehicleFuelKgce", "energyPerCapita",
            "energyPerArea", "waterM3", "waterPerCapita", "co2DirectTonnes", "co2IndirectTonnes", "co2Tonnes", "co2PerArea",
            "buildingAreaM2", "users", "pvKwh", "monthsReported", "monthsExpected", "missingMonths", "institutions", "institutionsIncomplete",
            "factorTable",
        ];
        foreach (var field in fields)
        {
            csv.WriteField(field);
        }

        foreach (var prefix in new[] { "changeVsBaseline", "changeVsPrevious" })
        {
            csv.WriteField($"{prefix}.referenceYear");
            foreach (var field in ChangeFields)
            {
                csv.WriteField($"{prefix}.{field}");
            }
        }

        csv.NextRecord();
        foreach (var row in rows)
        {
            object?[] values =
            [
                row.Level, row.Code, row.Name, row.County, row.CountyCode, row.Category, row.Year, row.EnergyKgce, row.VehicleFuelKgce,
                row.EnergyPerCapita, row.EnergyPerArea, row.WaterM3, row.WaterPerCapita, row.Co2DirectTonnes, row.Co2IndirectTonnes,
                row.Co2Tonnes, row.Co2PerArea, row.BuildingAreaM2, row.Users, row.PvKwh, row.MonthsReported, row.MonthsExpected,
                string.Join(' ', row.MissingMonths), row.Institutions, row.InstitutionsIncomplete, row.FactorTable,
            ];
            foreach (var value in values)
            {
                csv.WriteField(value is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : value?.ToString() ?? "");
            }

            foreach (var change in new[] { row.ChangeVsBaseline, row.ChangeVsPrevious })
            {
                double?[] changes = change is null
                    ? new double?[ChangeFields.Length]
                    : [change.EnergyKgce, change.EnergyPerCapita, change.EnergyPerArea, change.WaterM3, change.WaterPerCapita, change.Co2Tonnes, change.Co2PerArea];
                csv.WriteField(change?.ReferenceYear.ToString(CultureInfo.InvariantCulture) ?? "");
                foreach (var value in changes)
                {
                    csv.WriteField(value?.ToString("R", CultureInfo.InvariantCulture) ?? "");
                }
            }

            csv.NextRecord();
        }
    }

    /// <summary>
    /// A writer for <paramref name="file"/>, which it leaves open (<see cref="OutputFile"/> flushes it to disk after);
    /// CSV files get a byte-order mark so that Excel reads the Chinese.
    /// </summary>
    public static StreamWriter FileWriter(Stream file, bool byteOrderMark) =>
        new(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: byteOrderMark), bufferSize: -1, leaveOpen: true);
}
