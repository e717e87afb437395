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
        ["a\u0000b", double.Epsilon, 0, long.MinValue, true, ""],
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
}
