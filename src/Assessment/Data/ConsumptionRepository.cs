using Assessment.Domain;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Assessment.Data;

/// <summary>Monthly consumption; a month imported again replaces the stored one, whose values go to the history table.</summary>
public sealed class ConsumptionRepository(DbSession session)
{
    private static readonly string[] ValueColumns = ConsumptionFields.All.Select(field => field.Name).ToArray();
    private static readonly string ColumnList = string.Join(", ", ValueColumns);

    private static readonly string SelectRows =
        "SELECT code, year, month, " + ColumnList + " FROM consumption";

    /// <summary>
    /// Stores <paramref name="rows"/>: new months are added; a stored month with other values is copied to the history
    /// table, marked as replaced by <paramref name="importId"/>, then overwritten; a month stored with the same values is left alone.
    /// </summary>
    public async Task<ImportCounts> ReplaceAsync(IReadOnlyList<MonthlyConsumption> rows, long importId, DateTime now,
        CancellationToken cancellationToken = default)
    {
        var stored = new Dictionary<(string, int, int), ConsumptionQuantities>();
        foreach (var year in rows.Select(row => row.Year).Distinct())
        {
            foreach (var row in await ListYearAsync(year, cancellationToken))
            {
                stored[(row.Code, row.Year, row.Month)] = row.Quantities;
            }
        }

        var added = new List<MonthlyConsumption>();
        var replaced = new List<MonthlyConsumption>();
        foreach (var row in rows)
        {
            if (!stored.TryGetValue((row.Code, row.Year, row.Month), out var old))
            {
                added.Add(row);
            }
            else if (old != row.Quantities)
            {
                replaced.Add(row);
            }
        }

        await session.Connection.ExecuteAsync(new CommandDefinition(
            $"INSERT INTO consumption_history (code, year, month, {ColumnList}, import_id, replaced_by_import_id, replaced_at) " +
            $"SELECT code, year, month, {ColumnList}, import_id, @importId, @now FROM consumption " +
            "WHERE code = @Code AND year = @Year AND month = @Month",
            replaced.Select(row => new { row.Code, row.Year, row.Month, importId, now }),
            session.Transaction,
            cancellationToken: cancellationToken));
        await session.Connection.ExecuteAsync(new CommandDefinition(
            session.Dialect.Upsert("consumption", ["code", "year", "month"], [.. ValueColumns, "import_id"]),
            replaced.Concat(added).Select(row => Parameters(row, importId)),
            session.Transaction,
            cancellationToken: cancellationToken));
        return new ImportCounts(added.Count, replaced.Count, rows.Count - added.Count - replaced.Count);
    }

    /// <summary>Adds months to a database that has none of them (the demo), fast.</summary>
    public Task<int> InsertManyAsync(IEnumerable<MonthlyConsumption> rows, CancellationToken cancellationToken = default)
    {
        string[] columns = ["code", "year", "month", .. ValueColumns];
        return BulkInsert.RunAsync(session, "consumption", columns, rows, (row, i) => i switch
        {
            0 => row.Code,
            1 => row.Year,
            2 => row.Month,
            _ => ConsumptionFields.All[i - 3].Get(row.Quantities),
        }, cancellationToken, plain: true);
    }

    /// <summary>All months stored for <paramref name="year"/>.</summary>
    public async Task<IReadOnlyList<MonthlyConsumption>> ListYearAsync(int year, CancellationToken cancellationToken = default)
    {
        var rows = await session.Connection.QueryAsync(new CommandDefinition(
            SelectRows + " WHERE year = @year", new { year }, session.Transaction, cancellationToken: cancellationToken));
        return rows.Select(row => ToMonthly((IDictionary<string, object>)row)).ToArray();
    }

    /// <summary>The values a month had before each replacement, oldest first.</summary>
    public async Task<IReadOnlyList<MonthlyConsumption>> HistoryAsync(string code, int year, int month,
        CancellationToken cancellationToken = default)
    {
        var rows = await session.Connection.QueryAsync(new CommandDefinition(
            $"SELECT code, year, month, {ColumnList} FROM consumption_history WHERE code = @code AND year = @year AND month = @month ORDER BY id",
            new { code, year, month }, session.Transaction, cancellationToken: cancellationToken));
        return rows.Select(row => ToMonthly((IDictionary<string, object>)row)).ToArray();
    }

    /// <summary>
    /// Each institution's quantities summed over the months it reported, for each of <paramref name="years"/>; only
    /// January to <paramref name="throughMonth"/> when given (a year to date). Whole years are read from the yearly sums
    /// (migration 0011), a year whose months changed since it was folded summed from its months by the statement that
    /// folds it; a year to date is summed from the months.
    /// </summary>
    public async Task<IReadOnlyList<InstitutionYearSums>> SumsAsync(IReadOnlyCollection<int> years, CancellationToken cancellationToken = default,
        int throughMonth = 12)
    {
        if (years.Count == 0)
        {
            return [];
        }

        var sql = SumsSql(session.Dialect, wholeYears: throughMonth >= 12);
        var result = new List<InstitutionYearSums>();
        var values = new double[ValueColumns.Length];
        if (session.Connection is SqliteConnection sqlite)
        {
            // A national year is 1.6 million rows of fifteen numbers: read straight from the statement (3–4 times faster).
            var bound = years.ToArray();
            var numbered = sql.Replace("IN @years", "IN (" + string.Join(", ", bound.Select((_, index) => $"?{index + 1}")) + ")", StringComparison.Ordinal)
                .Replace("@throughMonth", $"?{bound.Length + 1}", StringComparison.Ordinal);
            RawSqlite.Query(sqlite, numbered, sql.Contains("@throughMonth", StringComparison.Ordinal) ? [.. bound, throughMonth] : bound, row =>
            {
                for (var column = 0; column < values.Length; column++)
                {
                    values[column] = row.Double(4 + column);
                }

                result.Add(new InstitutionYearSums(row.Text(0), (int)row.Int64(1), (int)row.Int64(2), (int)row.Int64(3), ConsumptionFields.FromValues(values)));
            }, cancellationToken);
            return result;
        }

        // Read by column number, not as Dapper's dynamic rows.
        await using var reader = await session.Connection.ExecuteReaderAsync(new CommandDefinition(
            sql, new { years = years.ToArray(), throughMonth }, session.Transaction, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            for (var column = 0; column < values.Length; column++)
            {
                values[column] = reader.GetDouble(4 + column);
            }

            result.Add(new InstitutionYearSums(reader.GetString(0), Convert.ToInt32(reader.GetValue(1)), Convert.ToInt32(reader.GetValue(2)),
                Convert.ToInt32(reader.GetValue(3)), ConsumptionFields.FromValues(values)));
        }

        return result;
    }

    /// <summary>
    /// Folds the years whose months changed since they were last folded (marked stale by the triggers of migration
    /// 0011, whoever changed them) into the yearly sums, in a transaction of its own that first keeps month writers
    /// out. Returns how many institution-years were folded. Needed for speed only: a read sums a stale year itself.
    /// </summary>
    public async Task<int> RefreshYearSumsAsync(CancellationToken cancellationToken = default)
    {
        if (session.Transaction is not null)
        {
            throw new InvalidOperationException("Yearly sums are folded in a transaction of their own (one that takes its lock first cannot deadlock).");
        }

        if (!await session.HasRowsAsync("consumption_year_sums_stale", cancellationToken))
        {
            return 0; // nothing written, so nothing a cache watching the file takes for a change
        }

        await session.BeginAsync(cancellationToken);
        try
        {
            var folded = 0;
            foreach (var sql in RefreshSql(session.Dialect))
            {
                var rows = await session.Connection.ExecuteAsync(new CommandDefinition(
                    sql, transaction: session.Transaction, commandTimeout: 0, cancellationToken: cancellationToken));
                folded = sql.StartsWith("INSERT", StringComparison.Ordinal) ? rows : folded;
            }

            await session.CommitAsync(cancellationToken);
            return folded;
        }
        catch
        {
            await session.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    /// <summary>As above, on a connection of its own.</summary>
    public static async Task<int> RefreshYearSumsAsync(Database database, CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        return await new ConsumptionRepository(session).RefreshYearSumsAsync(cancellationToken);
    }

    /// <summary>The query of <see cref="SumsAsync"/>: of whole years (from the yearly sums) or of years to date (from the months).</summary>
    internal static string SumsSql(SqlDialect dialect, bool wholeYears) => wholeYears
        ? $"SELECT code, year, months, month_mask, {ColumnList} FROM consumption_year_sums y " +
          $"WHERE {dialect.InList("y.year", "years")} AND NOT EXISTS " +
          "(SELECT 1 FROM consumption_year_sums_stale s WHERE s.year = y.year AND s.code = y.code) " +
          $"UNION ALL {StaleSums(dialect, dialect.InList("s.year", "years"))}"
        : $"SELECT code, year, COUNT(*) AS months, {dialect.MonthMask("month")} AS month_mask, {Sums()} " +
          $"FROM consumption WHERE {dialect.InList("year", "years")} AND month <= @throughMonth GROUP BY code, year";

    /// <summary>The statements of <see cref="RefreshYearSumsAsync(CancellationToken)"/>, in order, in one transaction.</summary>
    internal static IReadOnlyList<string> RefreshSql(SqlDialect dialect) =>
    [
        // Month writers wait, so no mark is added while the fold runs (marks are a log: the last statement clears all).
        .. dialect.LockAgainstWriters("consumption") is { } lockSql ? [lockSql] : Array.Empty<string>(),
        "DELETE FROM consumption_year_sums WHERE EXISTS " +
        "(SELECT 1 FROM consumption_year_sums_stale s WHERE s.year = consumption_year_sums.year AND s.code = consumption_year_sums.code)",
        $"INSERT INTO consumption_year_sums (code, year, months, month_mask, {ColumnList}) {StaleSums(dialect, null)}",
        "DELETE FROM consumption_year_sums_stale",
    ];

    // The sums of the stale years (of those in yearFilter): one statement adding each year's months in one order (month
    // order; on SQLite the order of the index its plan goes through), so a folded year and one summed at a read agree to
    // the last bit (on SQL Server, which cannot order a sum, unless their plans differ). Grouped in the marks' order.
    private static string StaleSums(SqlDialect dialect, string? yearFilter) =>
        $"SELECT s.code, s.year, COUNT(*) AS months, {dialect.MonthMask("c.month")} AS month_mask, " +
        string.Join(", ", ValueColumns.Select(column => $"{dialect.OrderedSum("c." + column, "c.month")} AS {column}")) +
        $" FROM {dialect.StaleMonths}" + (yearFilter is null ? "" : $" WHERE {yearFilter}") + " GROUP BY s.year, s.code";

    private static string Sums() => string.Join(", ", ValueColumns.Select(column => $"SUM({column}) AS {column}"));

    private static MonthlyConsumption ToMonthly(IDictionary<string, object> values) =>
        Quantities(values).ToMonthly((string)values["code"], Convert.ToInt32(values["year"]), Convert.ToInt32(values["month"]));

    private static ConsumptionQuantities Quantities(IDictionary<string, object> values) =>
        ConsumptionFields.FromValues(ValueColumns.Select(column => Convert.ToDouble(values[column])).ToArray());

    private static DynamicParameters Parameters(MonthlyConsumption row, long importId)
    {
        var parameters = new DynamicParameters();
        parameters.Add("code", row.Code);
        parameters.Add("year", row.Year);
        parameters.Add("month", row.Month);
        foreach (var field in ConsumptionFields.All)
        {
            parameters.Add(field.Name, field.Get(row.Quantities));
        }

        parameters.Add("import_id", importId);
        return parameters;
    }
}
