namespace Assessment.Data;

/// <summary>The engines that write upserts as <c>INSERT … ON CONFLICT</c> and return ids with <c>RETURNING</c>: SQLite and PostgreSQL.</summary>
public abstract class OnConflictDialect : SqlDialect
{
    /// <inheritdoc />
    public override string Upsert(string table, IReadOnlyList<string> keys, IReadOnlyList<string> columns) =>
        Insert(table, keys, columns, columns);

    /// <inheritdoc />
    public override string InsertIfAbsent(string table, IReadOnlyList<string> keys, IReadOnlyList<string> columns) =>
        Insert(table, keys, columns, []);

    private static string Insert(string table, IReadOnlyList<string> keys, IReadOnlyList<string> columns, IReadOnlyList<string> updated)
    {
        var all = keys.Concat(columns).ToArray();
        var onConflict = updated.Count == 0
            ? "DO NOTHING"
            : "DO UPDATE SET " + string.Join(", ", updated.Select(column => $"{column} = excluded.{column}"));
        return $"INSERT INTO {table} ({string.Join(", ", all)}) VALUES ({Parameters(all)}) " +
               $"ON CONFLICT ({string.Join(", ", keys)}) {onConflict}";
    }

    /// <inheritdoc />
    public override string InsertReturningId(string table, IReadOnlyList<string> columns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({Parameters(columns)}) RETURNING id";
}
