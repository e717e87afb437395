using Assessment.Data;
using Assessment.Tests.Support;
using Dapper;

namespace Assessment.Tests.Data;

/// <summary>A plain bulk insert on SQLite goes straight to the statement; it must store exactly what the reader's path stores.</summary>
public sealed class BulkInsertTests
{
    private static readonly object?[][] Rows =
    [
        ["昌吉州第一中学 'quoted' \"x\"", 0.1 + 0.2, int.MaxValue, 9_007_199_254_740_993L, true, null],
        ["", -0.0, -1, 0L, false, "证据.pdf"],
        ["a\u0000b", double.Epsilon, 0, long.MinValue, true, new Utf8Text([])], // empty UTF-8 text is '', not NULL
        ["😀 emoji", 1e308, 42, 7L, false, null],
    ];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_many_row_transaction_keeps_journals_in_memory_only_while_it_lasts(bool commit)
    {
        using var temp = new TempDatabase();
        await using var session = await temp.Database.OpenAsync();
        async Task<long> TempStore() => await session.Connection.ExecuteScalarAsync<long>("PRAGMA temp_store", transaction: session.Transaction);

        await session.BeginAsync(default, manyRows: true);
        Assert.Equal(2, await TempStore()); // MEMORY
        await session.Connection.ExecuteAsync("CREATE TABLE t (x)", transaction: session.Transaction);
        if (commit)
        {
            await session.CommitAsync(default);
        }
        else
        {
            await session.RollbackAsync(default);
        }

        Assert.Equal(0, await TempStore()); // DEFAULT again, for whoever takes the connection from the pool next
        await session.BeginAsync(default);
        Assert.Equal(0, await TempStore());
    }

    [Fact]
    public async Task A_many_row_transaction_left_unfinished_gives_its_connection_back_to_the_pool_as_it_was()
    {
        using var temp = new TempDatabase();
        await using (var session = await temp.Database.OpenAsync())
        {
            await session.BeginAsync(default, manyRows: true);
        } // disposed without commit or rollback

        await using var next = await temp.Database.OpenAsync(); // the pooled connection
        Assert.Equal(0, await next.Connection.ExecuteScalarAsync<long>("PRAGMA temp_store"));
    }

    [Fact]
    public async Task A_plain_insert_stores_what_the_ordinary_one_stores()
    {
        using var temp = new TempDatabase();
        await using var session = await temp.Database.OpenAsync();
        foreach (var table in new[] { "plain", "ordinary" })
        {
            await session.Connection.ExecuteAsync($"CREATE TABLE {table} (s TEXT, d REAL, i INTEGER, l INTEGER, b INTEGER, n TEXT)");
        }

        await session.BeginAsync(default);
        string[] columns = ["s", "d", "i", "l", "b", "n"];
        Assert.Equal(Rows.Length, await BulkInsert.RunAsync(session, "plain", columns, Rows, (row, i) => row[i], default, plain: true));
        Assert.Equal(Rows.Length, await BulkInsert.RunAsync(session, "ordinary", columns, Rows, (row, i) => row[i], default));
        await session.CommitAsync(default);

        const string select = "SELECT rowid, quote(s), typeof(s), quote(d), typeof(d), quote(i), quote(l), quote(b), typeof(b), quote(n), typeof(n), hex(s) FROM ";
        var plain = (await session.Connection.QueryAsync(select + "plain ORDER BY rowid")).Select(row => string.Join("|", ((IDictionary<string, object>)row).Values)).ToArray();
        var ordinary = (await session.Connection.QueryAsync(select + "ordinary ORDER BY rowid")).Select(row => string.Join("|", ((IDictionary<string, object>)row).Values)).ToArray();
        Assert.Equal(ordinary, plain);
        Assert.Equal(Rows.Length, plain.Length);
    }

    [Fact]
    public async Task A_plain_insert_refuses_what_is_not_plain_and_nan()
    {
        using var temp = new TempDatabase();
        await using var session = await temp.Database.OpenAsync();
        await session.Connection.ExecuteAsync("CREATE TABLE t (v)");

        await Assert.ThrowsAsync<InvalidOperationException>(() => BulkInsert.RunAsync(session, "t", ["v"], [DateTime.UtcNow], (row, _) => row, default, plain: true));
        await Assert.ThrowsAsync<InvalidOperationException>(() => BulkInsert.RunAsync(session, "t", ["v"], [double.NaN], (row, _) => row, default, plain: true));
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => BulkInsert.RunAsync(session, "missing", ["v"], [1.0], (row, _) => row, default, plain: true));
    }

    [Fact]
    public async Task A_plain_insert_of_many_batches_keeps_their_order_and_stores_utf8_text_as_text()
    {
        using var temp = new TempDatabase();
        await using var session = await temp.Database.OpenAsync();
        foreach (var table in new[] { "plain", "ordinary" })
        {
            await session.Connection.ExecuteAsync($"CREATE TABLE {table} (n INTEGER, s TEXT, u TEXT)");
        }

        // Values made beside the insert, a batch at a time: more rows than a few batches, and a last one not full.
        var rows = Enumerable.Range(0, 10_000).ToArray();
        object? Value(int row, int i) => i switch
        {
            0 => row,
            1 => $"第{row}行",
            _ => new Utf8Text(System.Text.Encoding.UTF8.GetBytes($"{{\"名\":\"单位{row}\"}}")),
        };

        await session.BeginAsync(default);
        Assert.Equal(rows.Length, await BulkInsert.RunAsync(session, "plain", ["n", "s", "u"], rows, Value, default, plain: true));
        Assert.Equal(rows.Length, await BulkInsert.RunAsync(session, "ordinary", ["n", "s", "u"], rows, Value, default));
        await session.CommitAsync(default);

        const string select = "SELECT rowid, n, s, typeof(u), u FROM ";
        var plain = (await session.Connection.QueryAsync(select + "plain ORDER BY rowid")).Select(row => string.Join("|", ((IDictionary<string, object>)row).Values)).ToArray();
        var ordinary = (await session.Connection.QueryAsync(select + "ordinary ORDER BY rowid")).Select(row => string.Join("|", ((IDictionary<string, object>)row).Values)).ToArray();
        Assert.Equal(ordinary, plain);
        Assert.Equal("10000|9999|第9999行|text|{\"名\":\"单位9999\"}", plain[^1]);
    }

    [Fact]
    public async Task An_error_making_a_value_reaches_the_caller_after_the_rows_before_it()
    {
        using var temp = new TempDatabase();
        await using var session = await temp.Database.OpenAsync();
        await session.Connection.ExecuteAsync("CREATE TABLE t (n INTEGER)");

        var rows = new Counted(Enumerable.Range(0, 10_000));
        await session.BeginAsync(default);
        var error = await Assert.ThrowsAsync<FormatException>(() => BulkInsert.RunAsync(session, "t", ["n"], rows,
            (row, _) => row == 5_000 ? throw new FormatException("第 5000 行有误") : row, default, plain: true));
        Assert.Equal("第 5000 行有误", error.Message);
        Assert.Equal(5_000, await session.Connection.ExecuteScalarAsync<long>("SELECT count(*) FROM t", transaction: session.Transaction));
        Assert.True(rows.Disposed);
        await session.RollbackAsync(default);
    }

    [Fact]
    public async Task An_error_inserting_stops_the_values_made_ahead()
    {
        using var temp = new TempDatabase();
        await using var session = await temp.Database.OpenAsync();
        await session.Connection.ExecuteAsync("CREATE TABLE t (n INTEGER CHECK (n < 3000))");

        var rows = new Counted(Enumerable.Range(0, 1_000_000));
        await session.BeginAsync(default);
        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => BulkInsert.RunAsync(session, "t", ["n"], rows, (row, _) => row, default, plain: true));
        Assert.True(rows.Disposed); // the maker has stopped before the insert returned: nothing reads the rows any more
        var read = rows.Read;
        await Task.Delay(100);
        Assert.Equal(read, rows.Read);
        Assert.InRange(read, 3_000, 3_000 + 16 * 1024); // a few batches ahead at most, not the million
        await session.RollbackAsync(default);
    }

    [Fact]
    public async Task A_cancelled_plain_insert_stops_its_values_too()
    {
        using var temp = new TempDatabase();
        await using var session = await temp.Database.OpenAsync();
        await session.Connection.ExecuteAsync("CREATE TABLE t (n INTEGER)");

        using var cancel = new CancellationTokenSource();
        var rows = new Counted(Enumerable.Range(0, 1_000_000));
        await session.BeginAsync(default);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => BulkInsert.RunAsync(session, "t", ["n"], rows, (row, _) =>
        {
            if (row == 20_000)
            {
                cancel.Cancel();
            }

            return row;
        }, cancel.Token, plain: true));
        Assert.True(rows.Disposed);
        Assert.True(rows.Read < 1_000_000);
        await session.RollbackAsync(default);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Batches_made_beside_or_in_turn_hold_the_same_rows_and_stop_at_the_same_error(bool beside)
    {
        static object? Value(int row, int i) => row == 2_500 ? throw new FormatException($"row {row}") : row * 10 + i;

        var seen = new List<object?>();
        var error = Assert.Throws<FormatException>(() =>
        {
            foreach (var (values, length) in BulkInsert.Batches(Enumerable.Range(0, 5_000), 2, Value, beside, default))
            {
                seen.AddRange(values.Take(length * 2));
            }
        });

        Assert.Equal("row 2500", error.Message);
        Assert.Equal(Enumerable.Range(0, 2_500).SelectMany(row => new object?[] { row * 10, row * 10 + 1 }), seen);
    }

    [Fact]
    public void A_caller_that_stops_taking_batches_stops_their_maker_before_it_returns()
    {
        var rows = new Counted(Enumerable.Range(0, 1_000_000));
        var taken = 0;
        var error = Assert.Throws<InvalidOperationException>(() =>
        {
            foreach (var _ in BulkInsert.Batches(rows, 1, (row, _) => row, beside: true, default))
            {
                if (++taken == 2)
                {
                    Thread.Sleep(200); // the maker fills every free batch and waits
                    throw new InvalidOperationException("inserting failed");
                }
            }
        });

        Assert.Equal("inserting failed", error.Message);
        Assert.True(rows.Disposed);
        var read = rows.Read;
        Thread.Sleep(100);
        Assert.Equal(read, rows.Read);
        Assert.InRange(read, 2 * 1024, 8 * 1024); // the batches taken and the few made ahead
    }

    [Fact]
    public void A_caller_cancelled_while_the_maker_waits_stops_it_too()
    {
        using var cancel = new CancellationTokenSource();
        var rows = new Counted(Enumerable.Range(0, 1_000_000));
        Assert.ThrowsAny<OperationCanceledException>(() =>
        {
            foreach (var _ in BulkInsert.Batches(rows, 1, (row, _) => row, beside: true, cancel.Token))
            {
                Thread.Sleep(200); // the maker is now waiting for a free batch
                cancel.Cancel();
            }
        });

        Assert.True(rows.Disposed);
        var read = rows.Read;
        Thread.Sleep(100);
        Assert.Equal(read, rows.Read);
        Assert.True(read < 1_000_000);
    }

    /// <summary>Rows that count how many were read and tell whether their enumeration was ended.</summary>
    private sealed class Counted(IEnumerable<int> rows) : IEnumerable<int>
    {
        private int _read;
        private int _disposed;

        public int Read => Volatile.Read(ref _read);
        public bool Disposed => Volatile.Read(ref _disposed) == 1;

        public IEnumerator<int> GetEnumerator()
        {
            try
            {
                foreach (var row in rows)
                {
                    Interlocked.Increment(ref _read);
                    yield return row;
                }
            }
            finally
            {
                Volatile.Write(ref _disposed, 1);
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
