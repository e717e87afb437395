using System.Text;
using Assessment.Rules.Inputs;
using Dapper;
using Microsoft.Data.Sqlite;

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
        }, cancellationToken, plain: true);

    /// <summary>Every item stored for <paramref name="year"/>.</summary>
    public async Task<IReadOnlyList<Entry>> ListAsync(int year, CancellationToken cancellationToken = default)
    {
        var rows = await session.Connection.QueryAsync<EntryRow>(new CommandDefinition(
            "SELECT code AS Code, year AS Year, item AS Item, points AS Points, not_applicable AS NotApplicable, evidence AS Evidence FROM checklist WHERE year = @year",
            new { year }, session.Transaction, cancellationToken: cancellationToken));
        return rows.Select(row => new Entry(row.Code, row.Year, row.Item, row.Points, row.NotApplicable, row.Evidence)).ToArray();
    }

    /// <summary>Every institution's checklist for <paramref name="year"/>, compact (<see cref="Checklist(ChecklistNames, ReadOnlySpan{int})"/>).</summary>
    public async Task<IReadOnlyDictionary<string, Checklist>> ForYearAsync(int year, CancellationToken cancellationToken = default)
    {
        // A national year has tens of millions of rows: on SQLite they are read straight from the statement, making a
        // string only when the institution changes (a row's item is matched on its bytes); elsewhere through the reader.
        const string sql = "SELECT code, item, points, not_applicable FROM checklist WHERE year = @year";
        var builder = new ChecklistBuilder();
        if (session.Connection is SqliteConnection sqlite && RawSqlite.IsUtf8(sqlite))
        {
            ReadSqlite(sqlite, sql, year, builder, cancellationToken);
            return builder.Finish();
        }

        await using var reader = await session.Connection.ExecuteReaderAsync(new CommandDefinition(sql, new { year }, session.Transaction,
            cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            builder.Institution(reader.GetString(0));
            builder.Add(builder.Names.Add(reader.GetString(1)), reader.GetDouble(2), reader.GetBoolean(3));
        }

        return builder.Finish();
    }

    private static void ReadSqlite(SqliteConnection connection, string sql, int year, ChecklistBuilder builder, CancellationToken cancellationToken)
    {
        var code = Array.Empty<byte>();
        var items = new List<(byte[] Bytes, int Index)>();
        var last = -1; // an institution's items come in the same order, as they were stored: the next is tried first
        RawSqlite.Query(connection, sql.Replace("@year", "?1", StringComparison.Ordinal), [year], row =>
        {
            var codeBytes = row.Bytes(0);
            if (!codeBytes.SequenceEqual(code))
            {
                code = codeBytes.ToArray();
                builder.Institution(Encoding.UTF8.GetString(code));
            }

            var itemBytes = row.Bytes(1);
            var item = last + 1 < items.Count && itemBytes.SequenceEqual(items[last + 1].Bytes) ? last + 1 : 0;
            while (item < items.Count && !itemBytes.SequenceEqual(items[item].Bytes))
            {
                item++;
            }

            if (item == items.Count)
            {
                items.Add((itemBytes.ToArray(), builder.Names.Add(Encoding.UTF8.GetString(itemBytes))));
            }

            last = item;
            builder.Add(items[item].Index, row.Double(2), row.Int64(3) != 0);
        }, cancellationToken);
    }

    /// <summary>Collects rows into compact checklists (an institution's rows usually come together, but need not).</summary>
    private sealed class ChecklistBuilder
    {
        private readonly Dictionary<string, Checklist> _checklists = new(StringComparer.Ordinal);
        private readonly List<(int Item, int Entry)> _pending = [];
        private int[] _ids = new int[16];
        private string? _code;
        private int _length; // one more than the highest item index pending

        public ChecklistNames Names { get; } = new();

        public void Institution(string code)
        {
            if (code != _code)
            {
                Flush();
                _code = code;
            }
        }

        public void Add(int item, double points, bool notApplicable)
        {
            _pending.Add((item, Names.EntryId(points, notApplicable)));
            _length = Math.Max(_length, item + 1);
        }

        public IReadOnlyDictionary<string, Checklist> Finish()
        {
            Flush();
            return _checklists;
        }

        private void Flush()
        {
            if (_code is null)
            {
                return;
            }

            // Rows of an institution met again later (added by a later import) join what was read of it before.
            var earlier = _checklists.GetValueOrDefault(_code);
            var length = Math.Max(earlier?.Length ?? 0, _length);
            if (_ids.Length < length)
            {
                _ids = new int[Math.Max(length, 2 * _ids.Length)];
            }

            var ids = _ids.AsSpan(0, length);
            for (var index = 0; index < length; index++)
            {
                ids[index] = earlier?.IdAt(index) ?? 0;
            }

            foreach (var (item, entry) in _pending)
            {
                ids[item] = entry;
            }

            _checklists[_code] = new Checklist(Names, ids);
            _pending.Clear();
            _length = 0;
        }
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
