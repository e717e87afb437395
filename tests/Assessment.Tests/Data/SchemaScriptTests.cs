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
}
