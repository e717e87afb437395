using System.Data.Common;
using Dapper;

namespace Assessment.Data;

/// <summary>An open connection, the transaction in progress if any, and the dialect to speak on it.</summary>
public sealed class DbSession(DbConnection connection, SqlDialect dialect) : IAsyncDisposable
{
    /// <summary>The open connection.</summary>
    public DbConnection Connection { get; } = connection;

    /// <summary>The engine's SQL differences.</summary>
    public SqlDialect Dialect { get; } = dialect;

    /// <summary>The transaction commands run in, once <see cref="BeginAsync"/> was called.</summary>
    public DbTransaction? Transaction { get; private set; }

    // Set for a transaction begun with manyRows on SQLite, put back when it ends (the connection goes back to a pool).
    private bool _journalsInMemory;

    /// <summary>
    /// Starts the transaction that every repository on this session then uses. With <paramref name="manyRows"/> (a demo,
    /// an import) SQLite keeps its statement journals in memory: each month written is a statement that fires the
    /// consumption triggers, and SQLite otherwise gives every such statement a temporary file for its journal (2.4 million
    /// months took 22.6 s instead of 11.4 s). Only for the transaction: a large sort elsewhere should still spill to disk.
    /// </summary>
    public async Task BeginAsync(CancellationToken cancellationToken, bool manyRows = false)
    {
        if (Transaction is not null)
        {
            throw new InvalidOperationException("A transaction is already in progress on this session.");
        }

        if (manyRows && Dialect is SqliteDialect)
        {
            _journalsInMemory = true;
            await TempStoreAsync("MEMORY", cancellationToken); // before the transaction: its pager decides where journals go when it begins
        }

        try
        {
            Transaction = await Connection.BeginTransactionAsync(cancellationToken);
        }
        catch
        {
            await EndedQuietlyAsync(); // a database locked by another writer, say: the setting goes back with the failure
            throw;
        }
    }

    private async Task TempStoreAsync(string value, CancellationToken cancellationToken)
    {
        await using var command = Connection.CreateCommand();
        command.CommandText = $"PRAGMA temp_store = {value}";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // As EndedAsync where an error is already on its way: a broken connection is dropped by the pool, setting and all.
    private async Task EndedQuietlyAsync()
    {
        try
        {
            await EndedAsync();
        }
        catch (DbException)
        {
        }
    }

    private async Task EndedAsync()
    {
        Transaction = null;
        if (_journalsInMemory)
        {
            _journalsInMemory = false;
            await TempStoreAsync("DEFAULT", CancellationToken.None);
        }
    }

    /// <summary>Whether <paramref name="table"/> has any row (an existence probe, read in the transaction if one is in progress).</summary>
    public async Task<bool> HasRowsAsync(string table, CancellationToken cancellationToken) =>
        await Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT CASE WHEN EXISTS (SELECT 1 FROM {table}) THEN 1 ELSE 0 END", transaction: Transaction, cancellationToken: cancellationToken)) == 1;

    /// <summary>Commits the transaction started by <see cref="BeginAsync"/>.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (Transaction is null)
        {
            throw new InvalidOperationException("No transaction is in progress on this session.");
        }

        await Transaction.CommitAsync(cancellationToken);
        await Transaction.DisposeAsync();
        await EndedAsync();
    }

    /// <summary>Rolls back the transaction started by <see cref="BeginAsync"/>; the session can then be used again.</summary>
    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        if (Transaction is null)
        {
            throw new InvalidOperationException("No transaction is in progress on this session.");
        }

        await Transaction.RollbackAsync(cancellationToken);
        await Transaction.DisposeAsync();
        await EndedAsync();
    }

    /// <summary>Closes the connection; an uncommitted transaction is rolled back.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null)
        {
            await Transaction.DisposeAsync();
        }

        await EndedQuietlyAsync();
        await Connection.DisposeAsync();
    }
}
