using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Assessment.Data;

/// <summary>
/// Statements run straight on a SQLite connection's handle, for the few national-scale paths where the reader's or
/// command's per-value work is a good part of the time (bulk inserts of plain values, reading a year's checklists and
/// sums).
/// Errors and waiting on a busy database behave as Microsoft.Data.Sqlite's own.
/// </summary>
internal static class RawSqlite
{
    /// <summary>Whether the connection's text is UTF-8 (files this program creates are): a raw read that matches text on its bytes needs it.</summary>
    public static bool IsUtf8(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA encoding";
        return command.ExecuteScalar() is "UTF-8";
    }

    public static sqlite3_stmt Prepare(SqliteConnection connection, string sql)
    {
        var db = connection.Handle!;
        Check(raw.sqlite3_prepare_v2(db, sql, out var statement), db);
        return statement;
    }

    /// <summary>
    /// Runs <paramref name="sql"/>, whose parameters are integers named <c>?1</c>, <c>?2</c>, … in the order of
    /// <paramref name="parameters"/>, and hands the statement to <paramref name="row"/> at each row; cancellation is
    /// checked every 65,536 rows.
    /// </summary>
    public static void Query(SqliteConnection connection, string sql, IReadOnlyList<int> parameters, Action<sqlite3_stmt> row,
        CancellationToken cancellationToken)
    {
        using var statement = Prepare(connection, sql);
        for (var index = 0; index < parameters.Count; index++)
        {
            Check(raw.sqlite3_bind_int(statement, index + 1, parameters[index]), connection.Handle!);
        }

        for (var rows = 0; Step(connection, statement) == raw.SQLITE_ROW; rows++)
        {
            if (rows % 65536 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            row(statement);
        }
    }

    /// <summary>One step; a busy or locked database is waited on, as the connection's commands wait, up to its default timeout.</summary>
    public static int Step(SqliteConnection connection, sqlite3_stmt statement)
    {
        Stopwatch? waited = null;
        while (true)
        {
            var result = raw.sqlite3_step(statement);
            if (result is not (raw.SQLITE_BUSY or raw.SQLITE_LOCKED) || (waited ??= Stopwatch.StartNew()).Elapsed.TotalSeconds >= connection.DefaultTimeout)
            {
                if (result is not (raw.SQLITE_ROW or raw.SQLITE_DONE))
                {
                    Check(result, connection.Handle!);
                }

                return result;
            }

            raw.sqlite3_reset(statement);
            Thread.Sleep(150);
        }
    }

    public static void Check(int result, sqlite3 db)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new SqliteException($"SQLite Error {result}: '{raw.sqlite3_errmsg(db).utf8_to_string()}'.", result, raw.sqlite3_extended_errcode(db));
        }
    }
}
