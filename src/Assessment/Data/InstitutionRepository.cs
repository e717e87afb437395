using Assessment.Domain;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Assessment.Data;

/// <summary>Institutions, their earlier master records, and their area and users per year.</summary>
public sealed class InstitutionRepository(DbSession session)
{
    private static readonly string[] Columns = ["name", "county_code", "category", "building_area_m2", "users", "key_unit", "updated_at"];

    private const string SelectInstitutions =
        "SELECT code AS Code, name AS Name, county_code AS CountyCode, category AS Category, " +
        "building_area_m2 AS BuildingAreaM2, users AS Users, key_unit AS KeyUnit FROM institutions";

    /// <summary>The county of institution <paramref name="code"/>, or null when there is no such institution.</summary>
    public Task<string?> CountyOfAsync(string code, CancellationToken cancellationToken = default) =>
        session.Connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT county_code FROM institutions WHERE code = @code", new { code }, session.Transaction, cancellationToken: cancellationToken));

    /// <summary>All institutions, by code.</summary>
    public async Task<IReadOnlyList<Institution>> ListAsync(CancellationToken cancellationToken = default)
    {
        // Read by column number, not mapped to a row object first: a national list has 1.6 million institutions, in a
        // handful of counties and categories whose strings are shared rather than made again for each.
        var institutions = new List<Institution>();
        var counties = new Dictionary<string, string>(StringComparer.Ordinal);
        var categories = new Dictionary<string, InstitutionCategory>(StringComparer.Ordinal);
        void Add(string code, string name, string county, string categoryCode, double area, int users, bool keyUnit)
        {
            county = counties.TryGetValue(county, out var shared) ? shared : counties[county] = county;
            if (!categories.TryGetValue(categoryCode, out var category))
            {
                categories[categoryCode] = category = Categories.FromCode(categoryCode);
            }

            institutions.Add(new Institution(code, name, county, category, area, users, keyUnit));
        }

        const string sql = SelectInstitutions + " ORDER BY code";
        if (session.Connection is SqliteConnection sqlite)
        {
            // Straight from the statement, as the year's sums are read: without the reader's work per value (1.6 million rows
            // of seven at national scale).
            RawSqlite.Query(sqlite, sql, [], row => Add(row.Text(0), row.Text(1), row.Text(2), row.Text(3), row.Number(4), Whole(row.Number(5)),
                Whole(row.Number(6)) != 0), cancellationToken);
            return institutions.ToArray();
        }

        await using var reader = await session.Connection.ExecuteReaderAsync(new CommandDefinition(
            sql, transaction: session.Transaction, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            Add(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetDouble(4),
                Convert.ToInt32(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture),
                Convert.ToBoolean(reader.GetValue(6), System.Globalization.CultureInfo.InvariantCulture));
        }

        return institutions.ToArray();
    }

    // An INTEGER column's number (RawSqlite.Row.Number), converted as the reader's value would be (a REAL left there by hand rounds).
    private static int Whole(double value) => Convert.ToInt32(value);

    /// <summary>
    /// Adds new institutions and updates changed ones; the earlier record of a changed institution goes to the history table.
    /// </summary>
    public async Task<ImportCounts> UpsertAsync(IReadOnlyList<Institution> institutions, long? importId, DateTime now,
        CancellationToken cancellationToken = default)
    {
        var existing = (await ListAsync(cancellationToken)).ToDictionary(institution => institution.Code, StringComparer.Ordinal);
        var changed = institutions.Where(institution => existing.TryGetValue(institution.Code, out var old) && old != institution).ToArray();
        var added = institutions.Where(institution => !existing.ContainsKey(institution.Code)).ToArray();

        await session.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO institutions_history (code, name, county_code, category, building_area_m2, users, key_unit, valid_until, replaced_by_import_id) " +
            "SELECT code, name, county_code, category, building_area_m2, users, key_unit, @now, @importId FROM institutions WHERE code = @Code",
            changed.Select(institution => new { institution.Code, now, importId }),
            session.Transaction,
            cancellationToken: cancellationToken));
        await session.Connection.ExecuteAsync(new CommandDefinition(
            session.Dialect.Upsert("institutions", ["code"], Columns),
            changed.Concat(added).Select(institution => Parameters(institution, now)),
            session.Transaction,
            cancellationToken: cancellationToken));
        return new ImportCounts(added.Length, changed.Length, institutions.Count - added.Length - changed.Length);
    }

    /// <summary>Adds institutions to a database that has none of them (the demo), fast.</summary>
    public Task<int> InsertManyAsync(IEnumerable<Institution> institutions, DateTime now, CancellationToken cancellationToken = default)
    {
        string[] columns = ["code", .. Columns];
        return BulkInsert.RunAsync(session, "institutions", columns, institutions, (institution, i) => i switch
        {
            0 => institution.Code,
            1 => institution.Name,
            2 => institution.CountyCode,
            3 => institution.Category.Code(),
            4 => institution.BuildingAreaM2,
            5 => institution.Users,
            6 => institution.KeyUnit,
            _ => now,
        }, cancellationToken);
    }

    /// <summary>Records the area and users of institutions for a year, replacing what was recorded for that year.</summary>
    public Task UpsertYearsAsync(IEnumerable<InstitutionYear> years, CancellationToken cancellationToken = default) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            session.Dialect.Upsert("institution_years", ["code", "year"], ["building_area_m2", "users"]),
            years.Select(year => new { code = year.Code, year = year.Year, building_area_m2 = year.BuildingAreaM2, users = year.Users }),
            session.Transaction,
            cancellationToken: cancellationToken));

    /// <summary>Adds yearly records to a database that has none of them (the demo), fast.</summary>
    public Task<int> InsertYearsManyAsync(IEnumerable<InstitutionYear> years, CancellationToken cancellationToken = default) =>
        BulkInsert.RunAsync(session, "institution_years", ["code", "year", "building_area_m2", "users"], years, (year, i) => i switch
        {
            0 => year.Code,
            1 => year.Year,
            2 => year.BuildingAreaM2,
            _ => year.Users,
        }, cancellationToken);

    /// <summary>Every yearly record.</summary>
    public async Task<IReadOnlyList<InstitutionYear>> ListYearsAsync(CancellationToken cancellationToken = default)
    {
        const string sql = "SELECT code, year, building_area_m2, users FROM institution_years";
        var years = new List<InstitutionYear>();
        if (session.Connection is SqliteConnection sqlite)
        {
            RawSqlite.Query(sqlite, sql, [], row => years.Add(new InstitutionYear(row.Text(0), Whole(row.Number(1)), row.Number(2), Whole(row.Number(3)))),
                cancellationToken);
            return years.ToArray();
        }

        await using var reader = await session.Connection.ExecuteReaderAsync(new CommandDefinition( // by column number, as above
            sql, transaction: session.Transaction, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            years.Add(new InstitutionYear(reader.GetString(0), Convert.ToInt32(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture),
                reader.GetDouble(2), Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture)));
        }

        return years.ToArray();
    }

    /// <summary>How many earlier records are kept for <paramref name="code"/>.</summary>
    public Task<int> HistoryCountAsync(string code, CancellationToken cancellationToken = default) =>
        session.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM institutions_history WHERE code = @code", new { code }, session.Transaction,
            cancellationToken: cancellationToken));

    private static object Parameters(Institution institution, DateTime now) => new
    {
        code = institution.Code,
        name = institution.Name,
        county_code = institution.CountyCode,
        category = institution.Category.Code(),
        building_area_m2 = institution.BuildingAreaM2,
        users = institution.Users,
        key_unit = institution.KeyUnit,
        updated_at = now,
    };
}
