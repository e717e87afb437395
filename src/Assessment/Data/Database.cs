using System.Data.Common;
using System.Reflection;
using Assessment.Resources;
using DbUp;
using DbUp.Engine;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Assessment.Data;

/// <summary>
/// The application's database: opens sessions, brings the schema up to date with the numbered scripts of
/// <c>db/sqlite</c> or <c>db/sqlserver</c> (embedded in this library, applied by DbUp), and empties it for a fresh demo.
/// </summary>
public sealed class Database(DatabaseTarget target)
{
    static Database()
    {
        // Times are stored as UTC without a zone on every engine (TIMESTAMP on PostgreSQL): Npgsql's legacy mapping writes
        // a DateTime of any kind as it is, as the SQLite and SQL Server providers do.
        AppContext.SetSwitch("Npgsql.EnableLegacyTimestampBehavior", true);
    }

    private static readonly Assembly ScriptAssembly = typeof(Database).Assembly;

    /// <summary>Where the data lives.</summary>
    public DatabaseTarget Target { get; } = target;

    /// <summary>The engine's SQL differences.</summary>
    public SqlDialect Dialect { get; } = SqlDialect.For(target.Kind);

    /// <summary>Whether there is a database to open (a SQL Server database is assumed to exist).</summary>
    public bool Exists => Target.FilePath is null || File.Exists(Target.FilePath);

    /// <summary>Opens a session on a new connection.</summary>
    public async Task<DbSession> OpenAsync(CancellationToken cancellationToken = default)
    {
        DbConnection connection = Target.Kind switch
        {
            DatabaseKind.Sqlite => new SqliteConnection(Target.ConnectionString),
            DatabaseKind.PostgreSql => new NpgsqlConnection(Target.ConnectionString),
            _ => new SqlConnection(Target.ConnectionString),
        };
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch (DbException e)
        {
            await connection.DisposeAsync();
            throw new DatabaseException(string.Format(Strings.DatabaseOpenFailed, Target.Display, e.Message), e);
        }

        return new DbSession(connection, Dialect);
    }

    /// <summary>The names of the schema scripts of this engine, in the order they apply.</summary>
    public IReadOnlyList<string> ScriptNames =>
        ScriptAssembly.GetManifestResourceNames().Where(IsOurScript).Order(StringComparer.Ordinal).ToArray();

    /// <summary>Creates the database if needed and applies the schema scripts not yet applied; returns their names.</summary>
    public IReadOnlyList<string> Migrate()
    {
        if (Target.FilePath is { } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }

        var builder = Target.Kind switch
        {
            DatabaseKind.Sqlite => DeployChanges.To.SqliteDatabase(Target.ConnectionString),
            DatabaseKind.PostgreSql => DeployChanges.To.PostgresqlDatabase(Target.ConnectionString),
            _ => DeployChanges.To.SqlDatabase(Target.ConnectionString),
        };
        var engine = builder
            .WithScriptsEmbeddedInAssembly(ScriptAssembly, IsOurScript)
            .WithTransactionPerScript()
            .LogToNowhere()
            .Build();

        DatabaseUpgradeResult result;
        try
        {
            result = engine.PerformUpgrade();
        }
        catch (DbException e)
        {
            throw new DatabaseException(string.Format(Strings.DatabaseOpenFailed, Target.Display, e.Message), e);
        }

        if (!result.Successful)
        {
            throw new DatabaseException(
                string.Format(Strings.DatabaseMigrationFailed, Target.Display, result.ErrorScript?.Name ?? "?", result.Error?.Message),
                result.Error);
        }

        if (Target.Kind == DatabaseKind.Sqlite)
        {
            // WAL lets readers (the web host, reports) work while an import writes; the setting persists in the file.
            using var connection = new SqliteConnection(Target.ConnectionString);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode = WAL;";
            command.ExecuteNonQuery();
            // A number that tells this file from one put in its place (a demo rebuilt): SimulationCache compares it.
            command.CommandText = "PRAGMA user_version;";
            if (Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
            {
                command.CommandText = $"PRAGMA user_version = {Random.Shared.Next(1, int.MaxValue)};";
                try
                {
                    command.ExecuteNonQuery();
                }
                catch (SqliteException)
                {
                    // A read-only file keeps 0: nothing needs the number but the simulation cache, which then cannot tell a replaced file.
                }
            }
        }

        return result.Scripts.Select(script => script.Name).ToArray();
    }

    /// <summary>Empties the database: a SQLite file is deleted, a server database (SQL Server, PostgreSQL) has every table emptied.</summary>
    public async Task ResetAsync(CancellationToken cancellationToken = default)
    {
        if (Target.FilePath is { } path)
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" }.Where(File.Exists))
            {
                File.Delete(file);
            }

            return;
        }

        Migrate(); // a new, empty server database has no tables to empty yet
        await using var session = await OpenAsync(cancellationToken);
        await session.BeginAsync(cancellationToken);
        foreach (var table in SqlDialect.TablesChildrenFirst)
        {
            await using var command = session.Connection.CreateCommand();
            command.Transaction = session.Transaction;
            // TRUNCATE empties the append-only transitions without the row deletes their trigger refuses (PostgreSQL
            // wants the tables referring to it in the same statement: there are none left by then, children go first).
            command.CommandText = table == "workflow_transitions" ? $"TRUNCATE TABLE {table}" : $"DELETE FROM {table}";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await session.CommitAsync(cancellationToken);
    }

    private bool IsOurScript(string resourceName) =>
        resourceName.StartsWith($"Assessment.Db.{Dialect.ScriptFolder}.", StringComparison.Ordinal)
        && resourceName.EndsWith(".sql", StringComparison.Ordinal);
}
