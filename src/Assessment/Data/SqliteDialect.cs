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
    public override string OrderedSum(string column, string orderBy) => $"SUM({column})"; // in the order StaleMonths fixes

    /// <inheritdoc />
    /// <remarks>
    /// The marks are a set here (a key: SQLite's writers are serialised), so no DISTINCT (which made SQLite build a copy
    /// of them: +0.2 GB for a demo of 200,000). The marks drive the loop (CROSS JOIN), so a read with none marked reads
    /// no months, and each year's months come through one index in the order they were first stored, in any plan.
    /// </remarks>
    public override string StaleMonths =>
        "consumption_year_sums_stale s CROSS JOIN consumption c INDEXED BY ix_consumption_year ON c.year = s.year AND c.code = s.code";
}
