using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Assessment.Data;

/// <summary>
/// Statements run straight on a SQLite connection's handle, for the few national-scale paths where the reader's or
/// command's per-value work is a good part of the time (bulk inserts of plain values, reading a year's checklists and
/// sums, the institutions and their yearly area and users).
/// Errors and waiting on a busy database behave as Microsoft.Data.Sqlite's own.
/// </summary>
internal static partial class RawSqlite
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
    /// <paramref name="parameters"/>, and hands each row to <paramref name="row"/>; cancellation is checked every
    /// 65,536 rows.
    /// </summary>
    public static void Query(SqliteConnection connection, string sql, IReadOnlyList<int> parameters, Action<Row> row,
        CancellationToken cancellationToken)
    {
        using var statement = Prepare(connection, sql);
        var current = new Row(statement.DangerousGetHandle()); // valid while the statement lives: it is disposed after the last row
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

            row(current);
        }
    }

    /// <summary>
    /// The current row of <see cref="Query"/>: its values read straight from SQLite's C functions, without the handle
    /// bookkeeping SQLitePCL does for every call (a national year's checklists are 22 million rows of four values).
    /// Valid only inside the callback it is given to.
    /// </summary>
    public readonly unsafe struct Row(IntPtr statement)
    {
        /// <summary>A text or blob value's bytes (text as UTF-8), valid until the next step.</summary>
        public ReadOnlySpan<byte> Bytes(int column)
        {
            var pointer = Native.ColumnBlob(statement, column); // before its length: the documented order
            return pointer == IntPtr.Zero ? default : new ReadOnlySpan<byte>((void*)pointer, Native.ColumnBytes(statement, column));
        }

        /// <summary>A value as text: converted to UTF-8 by SQLite where the file holds another encoding.</summary>
        public string Text(int column)
        {
            var pointer = Native.ColumnText(statement, column); // before its length, as for Bytes
            return pointer == IntPtr.Zero ? "" : System.Text.Encoding.UTF8.GetString((byte*)pointer, Native.ColumnBytes(statement, column));
        }

        public double Double(int column) => Native.ColumnDouble(statement, column);

        /// <summary>
        /// A number: an INTEGER or REAL value. Anything else (NULL, text or a blob a hand-edited file may hold where
        /// the schema means a number) is refused, as the reader's conversion refuses it, rather than read as 0 or as
        /// the number its text starts with.
        /// </summary>
        public double Number(int column)
        {
            var type = Native.ColumnType(statement, column);
            if (type is not (raw.SQLITE_INTEGER or raw.SQLITE_FLOAT))
            {
                throw new InvalidCastException(
                    $"Column {Marshal.PtrToStringUTF8(Native.ColumnName(statement, column))} holds {(type == raw.SQLITE_NULL ? "NULL" : type == raw.SQLITE_TEXT ? "text" : "a blob")} where a number is meant.");
            }

            return Native.ColumnDouble(statement, column);
        }

        public long Int64(int column) => Native.ColumnInt64(statement, column);
    }

    // The library SQLitePCL's provider loads (the same name, so the same file). The column functions only read the row
    // the statement stands on: short, not waiting on anything but SQLite's memory allocator, never calling back, so
    // without the GC transition of a call (sqlite3_column_text allocates only to convert where the file holds its text
    // as UTF-16). sqlite3_column_name, called only to word an error, keeps the transition.
    private static partial class Native
    {
        private const string Library = "e_sqlite3";

        [LibraryImport(Library, EntryPoint = "sqlite3_column_blob")]
        [SuppressGCTransition]
        internal static partial IntPtr ColumnBlob(IntPtr statement, int column);

        [LibraryImport(Library, EntryPoint = "sqlite3_column_text")]
        [SuppressGCTransition]
        internal static partial IntPtr ColumnText(IntPtr statement, int column);

        [LibraryImport(Library, EntryPoint = "sqlite3_column_bytes")]
        [SuppressGCTransition]
        internal static partial int ColumnBytes(IntPtr statement, int column);

        [LibraryImport(Library, EntryPoint = "sqlite3_column_type")]
        [SuppressGCTransition]
        internal static partial int ColumnType(IntPtr statement, int column);

        [LibraryImport(Library, EntryPoint = "sqlite3_column_name")]
        internal static partial IntPtr ColumnName(IntPtr statement, int column);

        [LibraryImport(Library, EntryPoint = "sqlite3_column_double")]
        [SuppressGCTransition]
        internal static partial double ColumnDouble(IntPtr statement, int column);

        [LibraryImport(Library, EntryPoint = "sqlite3_column_int64")]
        [SuppressGCTransition]
        internal static partial long ColumnInt64(IntPtr statement, int column);
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
