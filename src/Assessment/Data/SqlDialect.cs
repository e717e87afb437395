namespace Assessment.Data;

/// <summary>The SQL that differs between engines, in one place per engine.</summary>
public abstract class SqlDialect
{
    /// <summary>The dialect of <paramref name="kind"/>.</summary>
    public static SqlDialect For(DatabaseKind kind) => kind switch
    {
        DatabaseKind.Sqlite => SqliteDialect.Instance,
        DatabaseKind.SqlServer => SqlServerDialect.Instance,
        DatabaseKind.PostgreSql => PostgreSqlDialect.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Folder name of this dialect's schema scripts under <c>db/</c>.</summary>
    public abstract string ScriptFolder { get; }

    /// <summary>
    /// Inserts a row or, where one with the same <paramref name="keys"/> exists, updates its <paramref name="columns"/>.
    /// Parameters are named after the columns (<c>@code</c> for <c>code</c>).
    /// </summary>
    public abstract string Upsert(string table, IReadOnlyList<string> keys, IReadOnlyList<string> columns);

    /// <summary>An INSERT of <paramref name="keys"/> and <paramref name="columns"/> that does nothing where a row with those keys exists.</summary>
    public abstract string InsertIfAbsent(string table, IReadOnlyList<string> keys, IReadOnlyList<string> columns);

    /// <summary>An INSERT of <paramref name="columns"/> that returns the new row's <c>id</c>.</summary>
    public abstract string InsertReturningId(string table, IReadOnlyList<string> columns);

    /// <summary>Whether a command reused for many rows should be prepared (SQL Server wants sizes declared first).</summary>
    public abstract bool PrepareBulkCommands { get; }

    /// <summary>
    /// <c>column</c> is one of the values of list parameter <paramref name="parameter"/>: Dapper expands a list into
    /// <c>IN (@p1, @p2, …)</c>, except on PostgreSQL, where it passes one array.
    /// </summary>
    public virtual string InList(string column, string parameter) => $"{column} IN @{parameter}";

    /// <summary>An aggregate giving a bit mask of the months (1–12) present, bit 0 for January.</summary>
    public abstract string MonthMask(string monthColumn);

    /// <summary>
    /// A statement that waits for the transactions writing <paramref name="table"/> to end and keeps new ones out until
    /// this transaction ends (readers go on), or null where writers are serialised anyway (SQLite: a transaction that
    /// writes first holds the file's one write lock).
    /// </summary>
    public abstract string? LockAgainstWriters(string table);

    /// <summary>
    /// The sum of <paramref name="column"/> adding rows in the order of <paramref name="orderBy"/>, whatever the plan
    /// (floating-point addition depends on order). SQLite reaches the months in one order through the plan
    /// <see cref="StaleMonths"/> fixes, more cheaply; SQL Server has no ordered aggregates.
    /// </summary>
    public virtual string OrderedSum(string column, string orderBy) => $"SUM({column} ORDER BY {orderBy})";

    /// <summary>
    /// A FROM clause joining each distinct (year, code) marked in <c>consumption_year_sums_stale</c> (as <c>s</c>; marks
    /// are a log here) to its months in <c>consumption</c> (as <c>c</c>).
    /// </summary>
    public virtual string StaleMonths =>
        "(SELECT DISTINCT year, code FROM consumption_year_sums_stale) s JOIN consumption c ON c.year = s.year AND c.code = s.code";

    /// <summary>Tables to empty before a fresh demo, children first.</summary>
    public static IReadOnlyList<string> TablesChildrenFirst { get; } =
    [
        "run_parts", "evidence_files", "workflow_transitions", "workflow_instances", "workflow_definitions", "users", "job_runs", "job_schedules", "notifications", "publications",
        "assessment_results", "assessment_runs", "checklist", "rule_set_versions", "consumption_history", "consumption", "consumption_year_sums", "consumption_year_sums_stale", "imports", "institution_years", "institutions_history", "institutions",
        "targets", "quotas", "counties", "factor_tables", "settings",
    ];

    /// <summary>The parameter list of <paramref name="columns"/>: <c>@a, @b</c>.</summary>
    protected static string Parameters(IEnumerable<string> columns) => string.Join(", ", columns.Select(column => "@" + column));
}
