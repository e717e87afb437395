using Assessment.Rules.Inputs;
using Dapper;

namespace Assessment.Data;

/// <summary>The reviewed self-assessment checklists, per institution, year and item.</summary>
public sealed class ChecklistRepository(DbSession session)
{
    /// <summary>One reviewed item.</summary>
    public sealed record Entry(string Code, int Year, string Item, double Points, bool NotApplicable, string? Evidence);

    /// <summary>Adds or replaces items.</summary>
    public Task UpsertAsync(IEnumerable<Entry> entries, long? importId, CancellationToken cancellationToken = default) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            session.Dialect.Upsert("checklist", ["code", "year", "item"], ["points", "not_applicable", "evidence", "import_id"]),
            entries.Select(entry => new
            {
                code = entry.Code,
                year = entry.Year,
                item = entry.Item,
                points = entry.Points,
                not_applicable = entry.NotApplicable,
                evidence = entry.Evidence,
                import_id = importId,
            }),
            session.Transaction,
            cancellationToken: cancellationToken));

    /// <summary>Adds items to a database that has none of them (the demo), fast.</summary>
    public Task<int> InsertManyAsync(IEnumerable<Entry> entries, CancellationToken cancellationToken = default) =>
        BulkInsert.RunAsync(session, "checklist", ["code", "year", "item", "points", "not_applicable", "evidence"], entries, (entry, i) => i switch
        {
            0 => entry.Code,
            1 => entry.Year,
            2 => entry.Item,
            3 => entry.Points,
            4 => entry.NotApplicable,
            _ => entry.Evidence,
        }, cancellationToken);

    /// <summary>Every item stored for <paramref name="year"/>.</summary>
    public async Task<IReadOnlyList<Entry>> ListAsync(int year, CancellationToken cancellationToken = default)
    {
        var rows = await session.Connection.QueryAsync<EntryRow>(new CommandDefinition(
            "SELECT code AS Code, year AS Year, item AS Item, points AS Points, not_applicable AS NotApplicable, evidence AS Evidence FROM checklist WHERE year = @year",
            new { year }, session.Transaction, cancellationToken: cancellationToken));
        return rows.Select(row => new Entry(row.Code, row.Year, row.Item, row.Points, row.NotApplicable, row.Evidence)).ToArray();
    }

    /// <summary>Every institution's checklist for <paramref name="year"/>.</summary>
    public async Task<IReadOnlyDictionary<string, Checklist>> ForYearAsync(int year, CancellationToken cancellationToken = default)
    {
        // Read row by row (a national year has tens of millions): each item name, and each entry (they are immutable and
        // take few distinct values), is kept once, not once per row.
        var checklists = new Dictionary<string, Checklist>(StringComparer.Ordinal);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var entries = new Dictionary<(double, bool), ChecklistEntry>();
        (string Code, Checklist List)? last = null;
        await using var reader = await session.Connection.ExecuteReaderAsync(new CommandDefinition(
            "SELECT code, item, points, not_applicable FROM checklist WHERE year = @year", new { year }, session.Transaction,
            cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            var code = reader.GetString(0);
            if (last?.Code != code)
            {
                if (!checklists.TryGetValue(code, out var list))
                {
                    checklists.Add(code, list = new Checklist());
                }

                last = (code, list);
            }

            var item = reader.GetString(1);
            if (!names.TryGetValue(item, out var name))
            {
                names.Add(item, name = item);
            }

            var key = (reader.GetDouble(2), reader.GetBoolean(3));
            if (!entries.TryGetValue(key, out var entry))
            {
                entries.Add(key, entry = new ChecklistEntry(key.Item1, key.Item2));
            }

            last.Value.List.Items[name] = entry;
        }

        return checklists;
    }

    private sealed class EntryRow
    {
        public string Code { get; set; } = "";
        public int Year { get; set; }
        public string Item { get; set; } = "";
        public double Points { get; set; }
        public bool NotApplicable { get; set; }
        public string? Evidence { get; set; }
    }
}
