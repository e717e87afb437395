using Assessment.Data;
using Assessment.Resources;

namespace Assessment.Import;

/// <summary>
/// Imports a CSV or XLSX file all or nothing: every row is read and checked first; a file with any bad row writes
/// nothing and returns every error; a good file is written in one transaction and recorded in the import log.
/// </summary>
public sealed class Importer(Database database, TimeProvider clock)
{
    /// <summary>Most errors listed for one file; the rest are counted.</summary>
    public const int MaxErrors = 10_000;

    /// <summary>Imports <paramref name="path"/> as <paramref name="kind"/>.</summary>
    public Task<ImportResult> ImportAsync(ImportKind kind, string path, ImportOptions options, CancellationToken cancellationToken = default) =>
        kind switch
        {
            ImportKind.Counties => RunAsync(new CountyImport(), path, options, cancellationToken),
            ImportKind.Institutions => RunAsync(new InstitutionImport(), path, options, cancellationToken),
            ImportKind.Consumption => RunAsync(new ConsumptionImport(), path, options, cancellationToken),
            ImportKind.Quotas => RunAsync(new QuotaImport(), path, options, cancellationToken),
            ImportKind.Targets => RunAsync(new TargetImport(), path, options, cancellationToken),
            ImportKind.Checklist => RunAsync(new ChecklistImport(), path, options, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

    private async Task<ImportResult> RunAsync<TRow>(TableImport<TRow> import, string path, ImportOptions options, CancellationToken cancellationToken)
    {
        TabularFile file;
        try
        {
            file = TabularReader.Read(path, options);
        }
        catch (ImportFileException e)
        {
            return ImportResult.Refused(import.Kind, Path.GetFileName(path), [e.Error]);
        }

        await using var session = await database.OpenAsync(cancellationToken);
        await import.LoadAsync(session, options, cancellationToken);

        var errors = new List<ImportError>();
        var rows = Read(import, file, errors);
        if (errors.Count > 0)
        {
            return ImportResult.Refused(import.Kind, file.Name, Capped(errors, file.Name));
        }

        if (rows.Count == 0)
        {
            return ImportResult.Refused(import.Kind, file.Name, [new ImportError(file.Name, 0, "", "", Strings.ImportNoRows)]);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await session.BeginAsync(cancellationToken, manyRows: true);
        var log = new ImportLogRepository(session);
        var importId = await log.AddAsync(import.Kind.ToString().ToLowerInvariant(), file.Name, file.Sha256, now, cancellationToken);
        var counts = await import.WriteAsync(session, rows, importId, now, cancellationToken);
        await log.CompleteAsync(importId, counts, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return new ImportResult(import.Kind, file.Name, counts, importId, []);
    }

    private static List<TRow> Read<TRow>(TableImport<TRow> import, TabularFile file, List<ImportError> errors)
    {
        var rows = new List<TRow>();
        var map = HeaderMap.Find(file, import.Columns, errors);
        if (map is null)
        {
            return rows;
        }

        var cells = new CellReader(file.Name, map, errors);
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in file.Rows.Where(row => row.Line > map.HeaderLine && !row.IsBlank))
        {
            cells.Start(row);
            if (file.Delimited && WrongWidth(row, map.Width))
            {
                // A shifted row would put each value under the wrong column: refuse it rather than guess.
                cells.Error("", row.Cells.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    string.Format(Strings.ImportRowWidth, row.Cells.Count, map.Width));
                continue;
            }

            var value = import.Read(cells);
            if (import.KeyColumns.Any(cells.HasErrorIn))
            {
                continue;
            }

            // Duplicates are reported even on rows with other errors, so that one run lists every problem.
            var key = import.Key(value);
            if (firstLine.TryGetValue(key, out var earlier))
            {
                cells.Error(import.KeyColumns[^1], key, string.Format(Strings.ImportDuplicateKey, earlier, key));
                continue;
            }

            firstLine[key] = row.Line;
            if (!cells.RowHasErrors)
            {
                rows.Add(value);
            }
        }

        return rows;
    }

    // Fewer fields than the header, or more that are not empty (Excel adds empty trailing ones to rows and header).
    private static bool WrongWidth(TabularRow row, int headerWidth) =>
        row.Cells.Count < headerWidth || row.Cells.Skip(headerWidth).Any(cell => !string.IsNullOrWhiteSpace(cell));

    private static List<ImportError> Capped(List<ImportError> errors, string file)
    {
        if (errors.Count <= MaxErrors)
        {
            return errors;
        }

        var capped = errors.Take(MaxErrors).ToList();
        capped.Add(new ImportError(file, 0, "", "", string.Format(Strings.ImportMoreErrors, errors.Count - MaxErrors)));
        return capped;
    }
}
