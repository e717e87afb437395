using System.Data.Common;
using SQLitePCL;

namespace Assessment.Data;

/// <summary>
/// Inserts many rows through one prepared command whose parameters are rebound per row: the fast path for the demo and
/// large imports, where a command per row would dominate. Runs inside the session's transaction.
/// </summary>
internal static class BulkInsert
{
    /// <param name="plain">
    /// Every value is null, a string, a number or a bool: on SQLite the rows then go straight to the statement (strings
    /// bound as they are, without a UTF-8 copy each), which at national scale (1.6 million results, 19 million months)
    /// is a good part of the time of storing them. Any other value there is a mistake, and an error.
    /// </param>
    public static async Task<int> RunAsync<T>(
        DbSession session,
        string table,
        IReadOnlyList<string> columns,
        IEnumerable<T> rows,
        Func<T, int, object?> value,
        CancellationToken cancellationToken,
        bool plain = false)
    {
        var sql = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(column => "@" + column))})";
        if (plain && session.Connection is Microsoft.Data.Sqlite.SqliteConnection sqlite)
        {
            return Sqlite(sqlite, sql, columns.Count, rows, value, cancellationToken);
        }

        await using var command = session.Connection.CreateCommand();
        command.Transaction = session.Transaction;
        command.CommandText = sql;
        var parameters = new DbParameter[columns.Count];
        for (var i = 0; i < columns.Count; i++)
        {
            parameters[i] = command.CreateParameter();
            parameters[i].ParameterName = "@" + columns[i];
            command.Parameters.Add(parameters[i]);
        }

        var count = 0;
        foreach (var row in rows)
        {
            for (var i = 0; i < columns.Count; i++)
            {
                parameters[i].Value = value(row, i) ?? DBNull.Value;
            }

            if (count == 0 && session.Dialect.PrepareBulkCommands)
            {
                await command.PrepareAsync(cancellationToken);
            }

            await command.ExecuteNonQueryAsync(cancellationToken);
            count++;
        }

        return count;
    }

    private static int Sqlite<T>(Microsoft.Data.Sqlite.SqliteConnection connection, string sql, int columns, IEnumerable<T> rows, Func<T, int, object?> value,
        CancellationToken cancellationToken)
    {
        var db = connection.Handle!;
        using (var statement = RawSqlite.Prepare(connection, sql))
        {
            var count = 0;
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                for (var i = 0; i < columns; i++)
                {
                    RawSqlite.Check(value(row, i) switch
                    {
                        null => raw.sqlite3_bind_null(statement, i + 1),
                        string text => raw.sqlite3_bind_text16(statement, i + 1, text),
                        double number when double.IsNaN(number) => throw new InvalidOperationException("Cannot store NaN."), // as the reader would refuse it
                        double number => raw.sqlite3_bind_double(statement, i + 1, number),
                        int number => raw.sqlite3_bind_int64(statement, i + 1, number),
                        long number => raw.sqlite3_bind_int64(statement, i + 1, number),
                        bool flag => raw.sqlite3_bind_int64(statement, i + 1, flag ? 1 : 0),
                        var other => throw new InvalidOperationException($"A plain bulk insert was given a {other.GetType().Name}."),
                    }, db);
                }

                RawSqlite.Step(connection, statement);
                raw.sqlite3_reset(statement);
                count++;
            }

            return count;
        }
    }
}
