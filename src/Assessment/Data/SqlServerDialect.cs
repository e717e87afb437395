namespace Assessment.Data;

/// <summary>Microsoft SQL Server 2016 or later.</summary>
public sealed class SqlServerDialect : SqlDialect
{
    /// <summary>The one instance.</summary>
    public static SqlServerDialect Instance { get; } = new();

    private SqlServerDialect()
    {
    }

    /// <inheritdoc />
    public override string ScriptFolder => "sqlserver";

    /// <inheritdoc />
    public override string Upsert(string table, IReadOnlyList<string> keys, IReadOnlyList<string> columns) =>
        Merge(table, keys, columns, columns);

    /// <inheritdoc />
    public override string InsertIfAbsent(string table, IReadOnlyList<string> keys, IReadOnlyList<string> columns) =>
        Merge(table, keys, columns, []);

    private static string Merge(string table, IReadOnlyList<string> keys, IReadOnlyList<string> columns, IReadOnlyList<string> updated)
    {
        var all = keys.Concat(columns).ToArray();
        var source = string.Join(", ", all.Select(column => $"@{column} AS {column}"));
        var match = string.Join(" AND ", keys.Select(key => $"target.{key} = source.{key}"));
        var update = updated.Count == 0
            ? ""
            : " WHEN MATCHED THEN UPDATE SET " + string.Join(", ", updated.Select(column => $"{column} = source.{column}"));
        return $"MERGE INTO {table} WITH (HOLDLOCK) AS target USING (SELECT {source}) AS source ON {match}{update} " +
               $"WHEN NOT MATCHED THEN INSERT ({string.Join(", ", all)}) VALUES ({string.Join(", ", all.Select(column => "source." + column))});";
    }

    /// <inheritdoc />
    public override string InsertReturningId(string table, IReadOnlyList<string> columns) =>
        $"INSERT INTO {table} ({string.Join(", ", columns)}) OUTPUT INSERTED.id VALUES ({Parameters(columns)})";

    /// <inheritdoc />
    public override bool PrepareBulkCommands => false;

    /// <inheritdoc />
    public override string MonthMask(string monthColumn) => $"SUM(POWER(2, {monthColumn} - 1))";

    /// <inheritdoc />
    public override string? LockAgainstWriters(string table) => $"SELECT TOP (1) 1 FROM {table} WITH (TABLOCK, HOLDLOCK)"; // reads a row, so the table lock is taken

    /// <inheritdoc />
    public override string OrderedSum(string column, string orderBy) => $"SUM({column})";
}
