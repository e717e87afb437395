using Assessment.Resources;

namespace Assessment.Import;

/// <summary>
/// Finds the header row of a file (a title row above it is skipped) and which cell holds each column. A header is a
/// column name or a Chinese alias, optionally followed by its unit in parentheses: <c>电 (kWh)</c>, <c>水（m³）</c>.
/// </summary>
public sealed class HeaderMap
{
    /// <summary>Rows searched for the header before giving up.</summary>
    public const int HeaderSearchRows = 10;

    // Columns people add to their sheets that carry nothing to import.
    private static readonly HashSet<string> Ignorable = ["序号", "#", "no", "no.", "备注", "note", "notes", "remark", "remarks"];

    private readonly Dictionary<string, int> _index;

    private HeaderMap(int line, Dictionary<string, int> index, IReadOnlyList<string> headers)
    {
        HeaderLine = line;
        _index = index;
        Headers = headers;
    }

    /// <summary>The line of the header row.</summary>
    public int HeaderLine { get; }

    /// <summary>The header cells as written.</summary>
    public IReadOnlyList<string> Headers { get; }

    /// <summary>How many fields a row must have: up to the last header that is not blank.</summary>
    public int Width => Headers.Select((header, index) => string.IsNullOrWhiteSpace(header) ? 0 : index + 1).Max();

    /// <summary>The cell index of <paramref name="column"/>, or null when the file does not have it.</summary>
    public int? IndexOf(string column) => _index.TryGetValue(column, out var index) ? index : null;

    /// <summary>The header of <paramref name="column"/> as written in the file, for error messages.</summary>
    public string HeaderOf(string column) => IndexOf(column) is { } index ? Headers[index] : column;

    /// <summary>
    /// Finds the header of <paramref name="file"/> for <paramref name="columns"/>; the first column is the key that marks
    /// the header row. Adds to <paramref name="errors"/> and returns null when a required column is missing, a column
    /// repeats, an unknown column appears or a stated unit is wrong.
    /// </summary>
    public static HeaderMap? Find(TabularFile file, IReadOnlyList<ImportColumn> columns, List<ImportError> errors)
    {
        var key = columns[0];
        var headerRow = file.Rows.Take(HeaderSearchRows).FirstOrDefault(row => row.Cells.Any(cell => Parse(cell, columns).Column == key));
        if (headerRow is null)
        {
            errors.Add(new ImportError(file.Name, 1, "", "", string.Format(Strings.ImportHeaderNotFound, key.Name, string.Join(" / ", key.Aliases), HeaderSearchRows)));
            return null;
        }

        var before = errors.Count;
        var index = new Dictionary<string, int>();
        var refused = new HashSet<string>();
        for (var i = 0; i < headerRow.Cells.Count; i++)
        {
            var header = headerRow.Cells[i];
            if (string.IsNullOrWhiteSpace(header) || Ignorable.Contains(Units.Normalize(header)))
            {
                continue;
            }

            var (column, unit) = Parse(header, columns);
            if (column is null)
            {
                errors.Add(new ImportError(file.Name, headerRow.Line, header, header,
                    string.Format(Strings.ImportColumnUnknown, string.Join(", ", columns.Select(c => c.Name)))));
                continue;
            }

            if (index.TryGetValue(column.Name, out var earlier))
            {
                errors.Add(new ImportError(file.Name, headerRow.Line, header, header,
                    string.Format(Strings.ImportColumnRepeated, headerRow.Cells[earlier])));
                continue;
            }

            if (unit is not null && (column.Unit is null || !Units.Matches(column.Unit, unit)))
            {
                errors.Add(new ImportError(file.Name, headerRow.Line, header, unit,
                    string.Format(Strings.ImportUnitWrong, column.Unit?.Replace("|", " / ") ?? "-")));
                refused.Add(column.Name);
                continue;
            }

            index[column.Name] = i;
        }

        foreach (var missing in columns.Where(column => column.Required && !index.ContainsKey(column.Name) && !refused.Contains(column.Name)))
        {
            errors.Add(new ImportError(file.Name, headerRow.Line, missing.Name, "",
                string.Format(Strings.ImportColumnMissing, missing.Name, string.Join(" / ", missing.Aliases))));
        }

        return errors.Count > before ? null : new HeaderMap(headerRow.Line, index, headerRow.Cells);
    }

    // A header is matched whole first, so that names with brackets (柴油（公务用车）) are not read as a name and a unit;
    // only then is a trailing bracket taken as the unit.
    private static (ImportColumn? Column, string? Unit) Parse(string header, IReadOnlyList<ImportColumn> columns)
    {
        var normal = header.Normalize(System.Text.NormalizationForm.FormKC).Trim();
        if (Find(normal, columns) is { } whole)
        {
            return (whole, null);
        }

        var open = normal.LastIndexOf('(');
        return open > 0 && normal.EndsWith(')')
            ? (Find(normal[..open], columns), normal[(open + 1)..^1].Trim())
            : (null, null);
    }

    private static ImportColumn? Find(string name, IReadOnlyList<ImportColumn> columns)
    {
        var normal = Units.Normalize(name);
        return columns.FirstOrDefault(column =>
            Units.Normalize(column.Name) == normal || column.Aliases.Any(alias => Units.Normalize(alias) == normal));
    }
}
