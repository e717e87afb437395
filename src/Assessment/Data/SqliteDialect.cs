namespace Assessment.Data;

/// <summary>SQLite (3.35 or later, for RETURNING).</summary>
public sealed class SqliteDialect : OnConflictDialect
{
    /// <summary>The one instance.</summary>
    public static SqliteDialect Instance { get; } = new();

    private SqliteDialect()
    {
    }

    /// <inheritdoc />
    public override string ScriptFolder => "sqlite";

    /// <inheritdoc />
    public override bool PrepareBulkCommands => true;

    /// <inheritdoc />
    public override string MonthMask(string monthColumn) => $"SUM(1 << ({monthColumn} - 1))";

    /// <inheritdoc />
    public override string? LockAgainstWriters(string table) => null;

    /// <inheritdoc />
    public override string OrderedSum(string column, string orderBy) => $"SUM({column})"; // in the index's order: see MonthsInOrder

    /// <inheritdoc />
    /// <remarks>Within an institution's year the index holds months in the order they were first stored (rowid), in any plan.</remarks>
    public override string MonthsInOrder(string alias) => $"consumption {alias} INDEXED BY ix_consumption_year";
}
