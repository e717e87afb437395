namespace Assessment.Data;

/// <summary>PostgreSQL 12 or later: the engine several job servers share for scale-out.</summary>
public sealed class PostgreSqlDialect : OnConflictDialect
{
    /// <summary>The one instance.</summary>
    public static PostgreSqlDialect Instance { get; } = new();

    private PostgreSqlDialect()
    {
    }

    /// <inheritdoc />
    public override string ScriptFolder => "postgresql";

    /// <inheritdoc />
    public override bool PrepareBulkCommands => true;

    /// <inheritdoc />
    public override string InList(string column, string parameter) => $"{column} = ANY(@{parameter})";

    /// <inheritdoc />
    public override string MonthMask(string monthColumn) => $"CAST(SUM(CAST(1 AS BIGINT) << CAST({monthColumn} - 1 AS INTEGER)) AS BIGINT)";

    /// <inheritdoc />
    public override string? LockAgainstWriters(string table) => $"LOCK TABLE {table} IN SHARE MODE";
}
