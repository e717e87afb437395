using Assessment.Data;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace Assessment.Tests.Data;

/// <summary>The SQL the SQL Server dialect writes is parsed by Microsoft's T-SQL parser, as no server runs here.</summary>
public sealed class SqlServerDialectTests
{
    private static readonly SqlDialect Dialect = SqlServerDialect.Instance;

    public static TheoryData<string> Statements() =>
    [
        Dialect.Upsert("settings", ["name"], ["value"]),
        Dialect.Upsert("counties", ["code"], ["name", "kind", "grid_region"]),
        Dialect.Upsert("institutions", ["code"], ["name", "county_code", "category", "building_area_m2", "users", "key_unit", "updated_at"]),
        Dialect.Upsert("institution_years", ["code", "year"], ["building_area_m2", "users"]),
        Dialect.Upsert("consumption", ["code", "year", "month"], ["electricity_kwh", "water_m3", "import_id"]),
        Dialect.Upsert("quotas", ["category", "indicator", "first_year"], ["constraint_value", "baseline_value", "guide_value", "source"]),
        Dialect.Upsert("targets", ["scope", "scope_code", "baseline_year"], ["target_year", "note"]),
        Dialect.InsertIfAbsent("job_runs", ["kind", "scope", "period"], ["status", "attempts", "started_at"]),
        Dialect.InsertIfAbsent("notifications", ["kind", "recipient", "subject_code", "period"], ["message", "created_at"]),
        Dialect.InsertReturningId("imports", ["kind", "file_name", "sha256", "row_count", "inserted", "replaced", "unchanged", "imported_at"]),
        $"SELECT code, year, COUNT(*) AS months, {Dialect.MonthMask("month")} AS month_mask FROM consumption WHERE year IN (@years1, @years2) GROUP BY code, year",
        ExpandYears(ConsumptionRepository.SumsSql(Dialect, wholeYears: true)),
        ExpandYears(ConsumptionRepository.SumsSql(Dialect, wholeYears: false)),
        string.Join(";" + Environment.NewLine, ConsumptionRepository.RefreshSql(Dialect)) + ";",
    ];

    // As Dapper expands a list parameter.
    private static string ExpandYears(string sql) =>
        sql.Contains("IN @years", StringComparison.Ordinal) ? sql.Replace("IN @years", "IN (@years1, @years2)", StringComparison.Ordinal) : throw new ArgumentException(sql);

    [Theory]
    [MemberData(nameof(Statements))]
    public void Every_statement_the_dialect_writes_parses_as_t_sql(string sql)
    {
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(new StringReader(sql), out var errors);

        Assert.True(errors.Count == 0, sql + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => $"{e.Column}: {e.Message}")));
    }

    [Fact]
    public void The_parser_does_refuse_what_is_not_t_sql()
    {
        // SQLite's upsert is not T-SQL: if this parsed, the tests above would prove nothing.
        new TSql160Parser(initialQuotedIdentifiers: true).Parse(
            new StringReader(SqliteDialect.Instance.Upsert("settings", ["name"], ["value"])), out var errors);

        Assert.NotEmpty(errors);
    }
}
