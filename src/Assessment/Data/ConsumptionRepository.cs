using Assessment.Domain;
using Dapper;

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
    /// January to <paramref name="throughMonth"/> when given (a year to date).
    /// </summary>
    public async Task<IReadOnlyList<InstitutionYearSums>> SumsAsync(IReadOnlyCollection<int> years, CancellationToken cancellationToken = default,
        int throughMonth = 12)
    {
        if (years.Count == 0)
        {
            return [];
        }

        var sums = string.Join(", ", ValueColumns.Select(column => $"SUM({column}) AS {column}"));
        // Read by column number, not as Dapper's dynamic rows: a national year has 1.6 million institutions.
        await using var reader = await session.Connection.ExecuteReaderAsync(new CommandDefinition(
            $"SELECT code, year, COUNT(*) AS months, {session.Dialect.MonthMask("month")} AS month_mask, {sums} " +
            $"FROM consumption WHERE {session.Dialect.InList("year", "years")} AND month <= @throughMonth GROUP BY code, year",
            new { years = years.ToArray(), throughMonth }, session.Transaction, cancellationToken: cancellationToken));
        var result = new List<InstitutionYearSums>();
        var values = new double[ValueColumns.Length];
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
