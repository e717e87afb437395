using Assessment.Data;
using Assessment.Rules;
using Dapper;
using Microsoft.Data.Sqlite;

namespace Assessment.Assessing;

/// <summary>
/// Keeps the <see cref="SimulationBase"/> of the years simulated in a long-running host (the web editor), so that a
/// draft is simulated without reading its year again: the first simulation of a year reads and assesses it, the next
/// ones only run the draft. A base is used only while nothing was committed to the database since it was read: on
/// SQLite, <c>PRAGMA data_version</c> on a connection the cache keeps open (and never writes on) changes with every
/// commit of any other connection or process, and <c>PRAGMA user_version</c> (a number set when the file was created)
/// tells a file put in its place. Only the last year simulated is kept. On SQL Server and PostgreSQL nothing is kept:
/// every simulation reads its year.
/// </summary>
public sealed class SimulationCache(Database database, TimeProvider clock) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _watcher;
    private (long File, long Data)? _version;
    private SimulationBase? _kept; // one year: a province's inputs are large
    private ((long File, long Data) Version, long At)? _seen; // the last change noticed by KeepFreshAsync, and when (timestamp)

    /// <summary>Simulates <paramref name="draft"/> on <paramref name="year"/>, reading the year only when the database changed since it was last read.</summary>
    public async Task<Simulation> SimulateAsync(CompiledRuleSet draft, int year, int movers = 10, CancellationToken cancellationToken = default)
    {
        SimulationBase basis;
        bool kept;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var version = await VersionAsync(cancellationToken);
            if (version is null || version != _version)
            {
                (_version, _kept) = (version, null); // something was committed: what was read may be out of date
            }

            kept = _kept?.Year == year;
            basis = kept ? _kept! : await new AssessmentService(database, clock).SimulationBaseAsync(year, cancellationToken);
            _kept = version is null ? null : basis;
        }
        finally
        {
            _gate.Release();
        }

        var simulation = AssessmentService.Simulate(basis, draft, movers);
        return kept ? simulation with { Loading = TimeSpan.Zero } : simulation;
    }

    /// <summary>
    /// Reads the year kept (or <paramref name="year"/> when none is) again, if something was committed since it was read
    /// and nothing more for <paramref name="settle"/>, so that the next simulation finds it current (a host calls this
    /// while idle). True when it read. Nothing is read on SQL Server and PostgreSQL, where nothing is kept.
    /// </summary>
    public async Task<bool> KeepFreshAsync(int year, TimeSpan settle, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Nothing new since the year was read, or since reading it failed (the next simulation tries, and says why).
            if (await VersionAsync(cancellationToken) is not { } version || version == _version)
            {
                return false;
            }

            year = _kept?.Year ?? year; // the year simulated last, as SimulateAsync keeps it

            var now = clock.GetTimestamp();
            if (_seen is not { } seen || seen.Version != version)
            {
                _seen = seen = (version, now); // a change (or an import still committing): read once it has settled
            }

            if (clock.GetElapsedTime(seen.At, now) < settle)
            {
                return false;
            }

            (_version, _kept) = (version, null);
            _kept = await new AssessmentService(database, clock).SimulationBaseAsync(year, cancellationToken);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    // The SQLite data version seen by the watching connection, with the file's own number (PRAGMA user_version, set when
    // it was created) so that a file put in its place is noticed; null where the engine has neither, or on any error.
    private async Task<(long, long)?> VersionAsync(CancellationToken cancellationToken)
    {
        if (database.Target.Kind != DatabaseKind.Sqlite)
        {
            return null;
        }

        try
        {
            // Both outside the pool: a pooled connection may still hold a file that was deleted and replaced.
            long file;
            await using (var fresh = await OpenUnpooledAsync(cancellationToken))
            {
                file = await fresh.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA user_version", cancellationToken: cancellationToken));
            }

            if (file != _version?.File && _watcher is not null)
            {
                await _watcher.DisposeAsync(); // it still reads the file that was replaced
                _watcher = null;
                // So do the pool's idle connections, which the next read of the year would otherwise be given.
                SqliteConnection.ClearPool(new SqliteConnection(database.Target.ConnectionString));
            }

            _watcher ??= await OpenUnpooledAsync(cancellationToken);
            return (file, await _watcher.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA data_version", cancellationToken: cancellationToken)));
        }
        catch (Exception e) when (e is System.Data.Common.DbException or DatabaseException)
        {
            if (_watcher is not null)
            {
                await _watcher.DisposeAsync();
                _watcher = null;
            }

            return null; // read the year this time; the next call opens the watcher again
        }
    }

    private async Task<SqliteConnection> OpenUnpooledAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(database.Target.ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        if (_watcher is not null)
        {
            await _watcher.DisposeAsync();
        }

        _gate.Dispose();
    }
}
