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
    /// Every value is null, a string, <see cref="Utf8Text"/>, a number or a bool: on SQLite the rows then go straight to
    /// the statement (strings bound as they are, without a UTF-8 copy each), which at national scale (1.6 million
    /// results, 19 million months) is a good part of the time of storing them, and the values are made on another core
    /// while the rows before them are inserted (<see cref="Batches{T}"/>): <paramref name="value"/> and the enumeration
    /// of <paramref name="rows"/> must not use the session. Any other value there is a mistake, and an error.
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
                parameters[i].Value = value(row, i) switch
                {
                    null => DBNull.Value,
                    Utf8Text text => text.ToString(),
                    var other => other,
                };
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

    /// <summary>Rows whose values are made per batch on another thread while the statement inserts the batch before.</summary>
    private const int BatchRows = 1024;

    private static int Sqlite<T>(Microsoft.Data.Sqlite.SqliteConnection connection, string sql, int columns, IEnumerable<T> rows, Func<T, int, object?> value,
        CancellationToken cancellationToken)
    {
        var db = connection.Handle!;
        using var statement = RawSqlite.Prepare(connection, sql);
        var count = 0;
        foreach (var (values, length) in Batches(rows, columns, value, beside: Environment.ProcessorCount > 1, cancellationToken))
        {
            for (var row = 0; row < length; row++)
            {
                for (var i = 0; i < columns; i++)
                {
                    RawSqlite.Check(values[row * columns + i] switch
                    {
                        null => raw.sqlite3_bind_null(statement, i + 1),
                        string text => raw.sqlite3_bind_text16(statement, i + 1, text),
                        Utf8Text text => raw.sqlite3_bind_text(statement, i + 1, text.Bytes.AsSpan()),
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
        }

        return count;
    }

    /// <summary>
    /// The rows' values, a batch at a time, in order. With more than one core they are made on a thread of their own,
    /// at most a few batches ahead, while the caller inserts: storing a national run's results is then about as long as
    /// SQLite's writing alone, the serialising of every result's details done beside it. An error in making them is
    /// thrown to the caller, in order; a caller that stops (an error inserting, cancellation) stops the maker and waits
    /// for it, so that nothing reads the rows once the insert has returned.
    /// </summary>
    /// <param name="beside">Whether values are made on a thread of their own (with more than one core); otherwise as they are inserted.</param>
    internal static IEnumerable<(object?[] Values, int Rows)> Batches<T>(IEnumerable<T> rows, int columns, Func<T, int, object?> value, bool beside,
        CancellationToken cancellationToken)
    {
        // Fills values with the next rows; length counts the rows complete so far, also when a value throws. The source
        // is not asked again once it said it has no more.
        var ended = false;
        void Fill(IEnumerator<T> source, object?[] values, ref int length)
        {
            length = 0;
            while (length < BatchRows && !ended && !(ended = !source.MoveNext()))
            {
                var row = source.Current;
                for (var i = 0; i < columns; i++)
                {
                    values[length * columns + i] = value(row, i);
                }

                length++;
            }
        }

        if (!beside)
        {
            var values = new object?[BatchRows * columns];
            using var source = rows.GetEnumerator();
            while (true)
            {
                var length = 0;
                System.Runtime.ExceptionServices.ExceptionDispatchInfo? error = null;
                try
                {
                    Fill(source, values, ref length);
                }
                catch (Exception e) when (length > 0)
                {
                    error = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e); // after the rows before it
                }

                if (length == 0)
                {
                    yield break;
                }

                cancellationToken.ThrowIfCancellationRequested();
                yield return (values, length);
                error?.Throw();
            }
        }

        const int ahead = 4;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var full = new System.Collections.Concurrent.BlockingCollection<(object?[] Values, int Rows)>(ahead);
        using var free = new System.Collections.Concurrent.BlockingCollection<object?[]>(ahead + 2);
        for (var i = 0; i < ahead + 2; i++)
        {
            free.Add(new object?[BatchRows * columns]);
        }

        var maker = Task.Factory.StartNew(() =>
        {
            try
            {
                using var source = rows.GetEnumerator();
                while (true)
                {
                    var values = free.Take(stop.Token);
                    var length = 0;
                    try
                    {
                        Fill(source, values, ref length);
                    }
                    catch when (length > 0)
                    {
                        full.Add((values, length), stop.Token); // the rows before the error are inserted, as on one core
                        throw;
                    }

                    if (length == 0)
                    {
                        return;
                    }

                    full.Add((values, length), stop.Token);
                }
            }
            finally
            {
                full.CompleteAdding();
            }
        }, stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);

        try
        {
            foreach (var batch in full.GetConsumingEnumerable(cancellationToken))
            {
                yield return batch;
                Array.Clear(batch.Values); // what it held (a result's details) is not kept alive by the batch
                free.Add(batch.Values, cancellationToken);
            }

            maker.GetAwaiter().GetResult(); // the maker's own error, after the rows it made before it
        }
        finally
        {
            stop.Cancel(); // nothing when the maker has finished
            try
            {
                maker.Wait(CancellationToken.None);
            }
            catch (AggregateException)
            {
                // Stopped by the caller's failure or cancellation, or failed itself after it: the caller's error is the
                // one that counts (and the maker's is observed, not left to the finalizer).
            }
        }
    }
}

/// <summary>
/// Text already encoded as UTF-8, for a plain bulk insert (<see cref="BulkInsert.RunAsync{T}"/>): bound on SQLite as it
/// is, without the copy and conversion a string needs; given to other engines as a string.
/// </summary>
internal sealed class Utf8Text(byte[] bytes)
{
    public byte[] Bytes { get; } = bytes;

    public override string ToString() => System.Text.Encoding.UTF8.GetString(Bytes);
}
