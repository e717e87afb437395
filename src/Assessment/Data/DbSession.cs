using System.Data.Common;

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

    /// <summary>Starts the transaction that every repository on this session then uses.</summary>
    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        if (Transaction is not null)
        {
            throw new InvalidOperationException("A transaction is already in progress on this session.");
        }

        Transaction = await Connection.BeginTransactionAsync(cancellationToken);
    }

    /// <summary>Commits the transaction started by <see cref="BeginAsync"/>.</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (Transaction is null)
        {
            throw new InvalidOperationException("No transaction is in progress on this session.");
        }

        await Transaction.CommitAsync(cancellationToken);
        await Transaction.DisposeAsync();
        Transaction = null;
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
        Transaction = null;
    }

    /// <summary>Closes the connection; an uncommitted transaction is rolled back.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null)
        {
            await Transaction.DisposeAsync();
        }

        await Connection.DisposeAsync();
    }
}
