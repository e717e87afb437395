using Dapper;
using Assessment.Data;
using Assessment.Tests.Support;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Assessment.Tests.Data;

/// <summary>No SQL Server runs here: its scripts are at least parsed by Microsoft's T-SQL parser.</summary>
public sealed class SchemaScriptTests
{
    public static TheoryData<string> SqlServerScripts() =>
        new(Directory.GetFiles(Path.Combine(Repository.Root, "db", "sqlserver"), "*.sql").Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(SqlServerScripts))]
    public void Every_sql_server_script_parses_as_t_sql(string script)
    {
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StreamReader(Path.Combine(Repository.Root, "db", "sqlserver", script));

        parser.Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"{script}:{e.Line}:{e.Column}: {e.Message}")));
    }

    [Fact]
    public void Every_dialect_has_the_same_scripts_in_the_same_order()
    {
        string[] Names(string dialect) => Directory.GetFiles(Path.Combine(Repository.Root, "db", dialect), "*.sql")
            .Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToArray();

        Assert.NotEmpty(Names("sqlite"));
        Assert.Equal(Names("sqlite"), Names("sqlserver"));
        Assert.Equal(Names("sqlite"), Names("postgresql"));
    }

    [Fact]
    public void The_scripts_travel_inside_the_library_in_order()
    {
        var sqlite = new Database(DatabaseTarget.Sqlite("unused.db")).ScriptNames;
        var sqlServer = new Database(DatabaseTarget.Parse("sqlserver:Server=unused")).ScriptNames;
        var postgres = new Database(DatabaseTarget.Parse("Host=unused;Database=unused")).ScriptNames;

        Assert.Equal(Directory.GetFiles(Path.Combine(Repository.Root, "db", "sqlite"), "*.sql").Length, sqlite.Count);
        Assert.Equal(sqlite.Count, sqlServer.Count);
        Assert.Equal(sqlite.Count, postgres.Count);
        Assert.Equal(sqlite.Order(StringComparer.Ordinal), sqlite);
    }

    [Fact]
    public void Migrating_twice_applies_each_script_once()
    {
        using var temp = new TempDatabase();

        var first = temp.Database.Migrate();
        var second = temp.Database.Migrate();

        Assert.Equal(temp.Database.ScriptNames.Count, first.Count);
        Assert.Empty(second);
    }

    [Fact]
    public async Task Migration_0011_on_months_already_stored_marks_their_years_stale_and_they_read_as_before()
    {
        using var temp = new TempDatabase();
        var database = await Seed.InitAsync(temp.Database, Seed.Office());
        // A database from before the script: its tables, triggers and journal entry taken out, months stored without them.
        await using (var session = await database.OpenAsync())
        {
            await session.Connection.ExecuteAsync(
                "DROP TRIGGER consumption_inserted_marks_year_stale; DROP TRIGGER consumption_updated_marks_year_stale; " +
                "DROP TRIGGER consumption_deleted_marks_year_stale; DROP TABLE consumption_year_sums; DROP TABLE consumption_year_sums_stale; " +
                "DELETE FROM SchemaVersions WHERE ScriptName LIKE '%0011_consumption_year_sums.sql'");
        }

        await Seed.MonthsAsync(database, "A001", 2024, Seed.Quantities(electricityKwh: 100.1, waterM3: 3), months: 12);
        await Seed.MonthsAsync(database, "A001", 2023, Seed.Quantities(electricityKwh: 90), months: 5);

        Assert.Equal(["Assessment.Db.sqlite.0011_consumption_year_sums.sql"], database.Migrate());

        await using var reader = await database.OpenAsync();
        var repository = new ConsumptionRepository(reader);
        var stale = (await repository.SumsAsync([2023, 2024])).OrderBy(sum => sum.Year).ToArray();
        Assert.Equal([(2023, 5, 0b11111), (2024, 12, 0xFFF)], stale.Select(sum => (sum.Year, sum.MonthsReported, sum.MonthMask)));
        Assert.Equal(1201.2, stale[1].Quantities.ElectricityKwh, 9);
        Assert.Equal(2, await repository.RefreshYearSumsAsync());
        Assert.Equal(stale, (await repository.SumsAsync([2023, 2024])).OrderBy(sum => sum.Year));
    }
}
