using Assessment.Data;

namespace Assessment.Tests.Data;

public sealed class DatabaseTargetTests
{
    [Fact]
    public void Without_an_argument_the_data_goes_to_the_default_sqlite_file()
    {
        var target = DatabaseTarget.Parse(null);

        Assert.Equal(DatabaseKind.Sqlite, target.Kind);
        Assert.Equal(Path.GetFullPath("data/assessment.db"), target.FilePath);
    }

    [Theory]
    [InlineData("my.db")]
    [InlineData("sqlite:my.db")]
    [InlineData("Data Source=my.db")]
    public void A_path_or_a_sqlite_connection_string_is_sqlite(string argument)
    {
        var target = DatabaseTarget.Parse(argument);

        Assert.Equal(DatabaseKind.Sqlite, target.Kind);
        Assert.Equal(Path.GetFullPath("my.db"), target.FilePath);
    }

    [Theory]
    [InlineData("Server=localhost;Database=assessment;Trusted_Connection=True")]
    [InlineData("Data Source=db.example.org;Initial Catalog=assessment;User ID=sa;Password=x")]
    [InlineData("sqlserver:Data Source=db.example.org")]
    public void A_connection_string_naming_a_server_is_sql_server(string argument)
    {
        var target = DatabaseTarget.Parse(argument);

        Assert.Equal(DatabaseKind.SqlServer, target.Kind);
        Assert.Null(target.FilePath);
        Assert.DoesNotContain("Password", target.Display);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=5432;Database=assessment;Username=assessment;Password=x", "PostgreSQL 127.0.0.1/assessment")]
    [InlineData("postgres:Host=db.example.org;Database=national", "PostgreSQL db.example.org/national")]
    [InlineData("postgresql:Host=db.example.org;Database=national", "PostgreSQL db.example.org/national")]
    public void A_connection_string_with_a_host_is_postgresql(string argument, string display)
    {
        var target = DatabaseTarget.Parse(argument);

        Assert.Equal(DatabaseKind.PostgreSql, target.Kind);
        Assert.Null(target.FilePath);
        Assert.Equal(display, target.Display);
    }
}
