using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Assessment.Data;

/// <summary>
/// Where the data lives, read from the <c>--db</c> argument: a SQLite file path (the default), or a connection string.
/// A connection string naming a server (<c>Server=</c>, <c>Initial Catalog=</c>, <c>Database=</c>, ...) or prefixed
/// <c>sqlserver:</c> is SQL Server; one with <c>Host=</c> or prefixed <c>postgres:</c> is PostgreSQL;
/// <c>sqlite:PATH</c> or <c>Data Source=FILE</c> alone is SQLite.
/// </summary>
public sealed record DatabaseTarget(DatabaseKind Kind, string ConnectionString, string? FilePath)
{
    /// <summary>The SQLite file used when no <c>--db</c> is given.</summary>
    public const string DefaultPath = "data/assessment.db";

    private static readonly string[] SqlServerKeys =
    [
        "server", "address", "addr", "network address", "initial catalog", "database",
        "trusted_connection", "integrated security", "user id", "uid", "encrypt", "trustservercertificate",
    ];

    /// <summary>Reads the <c>--db</c> argument; null or empty means the default SQLite file.</summary>
    public static DatabaseTarget Parse(string? argument)
    {
        var text = string.IsNullOrWhiteSpace(argument) ? DefaultPath : argument.Trim();
        if (text.StartsWith("sqlserver:", StringComparison.OrdinalIgnoreCase))
        {
            return new DatabaseTarget(DatabaseKind.SqlServer, text["sqlserver:".Length..], null);
        }

        foreach (var prefix in new[] { "postgres:", "postgresql:" }.Where(prefix => text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            return new DatabaseTarget(DatabaseKind.PostgreSql, text[prefix.Length..], null);
        }

        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            return Sqlite(text["sqlite:".Length..]);
        }

        if (text.Contains('=') && TryParseConnectionString(text) is { } builder)
        {
            // Npgsql's own key for the server; checked first, as its strings also say Database=.
            if (builder.ContainsKey("host"))
            {
                return new DatabaseTarget(DatabaseKind.PostgreSql, text, null);
            }

            if (builder.Keys.Cast<string>().Any(key => SqlServerKeys.Contains(key.ToLowerInvariant())))
            {
                return new DatabaseTarget(DatabaseKind.SqlServer, text, null);
            }

            if (builder.TryGetValue("data source", out var source) && source is string path)
            {
                return Sqlite(path);
            }
        }

        return Sqlite(text);
    }

    /// <summary>A SQLite file at <paramref name="path"/>.</summary>
    public static DatabaseTarget Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        var connection = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            ForeignKeys = true,
            Pooling = true,
            DefaultTimeout = 60,
        };
        return new DatabaseTarget(DatabaseKind.Sqlite, connection.ToString(), full);
    }

    /// <summary>What to show a person: the file path, or the server and database without credentials.</summary>
    public string Display => FilePath ?? Describe(ConnectionString);

    private string Describe(string connectionString)
    {
        var engine = Kind == DatabaseKind.PostgreSql ? "PostgreSQL" : "SQL Server";
        var builder = TryParseConnectionString(connectionString);
        if (builder is null)
        {
            return engine;
        }

        string Get(params string[] keys) =>
            keys.Select(key => builder.TryGetValue(key, out var value) ? value?.ToString() : null)
                .FirstOrDefault(value => !string.IsNullOrEmpty(value)) ?? "?";
        return $"{engine} {Get("host", "server", "data source", "address")}/{Get("initial catalog", "database")}";
    }

    private static DbConnectionStringBuilder? TryParseConnectionString(string text)
    {
        try
        {
            return new DbConnectionStringBuilder { ConnectionString = text };
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
