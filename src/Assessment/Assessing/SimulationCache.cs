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
/// with the file's last-write time and length tell a file put in its place or overwritten. Only the last year simulated
/// is kept. On SQL Server and PostgreSQL nothing is kept: every simulation reads its year.
/// </summary>
public sealed class SimulationCache(Database database, TimeProvider clock) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SqliteConnection? _watcher;
    private (long Number, long Written, long Length) _watched; // the file as it was when the watcher was opened
    private FileVersion? _version;
    private SimulationBase? _kept; // one year: a province's inputs are large
    private (FileVersion Version, long At)? _seen; // the last change noticed by KeepFreshAsync, and when (timestamp)

    /// <summary>Simulates <paramref name="draft"/> on <paramref name="year"/>, reading the year only when the database changed since it was last read.</summary>
    public async Task<Simulation> SimulateAsync(CompiledRuleSet draft, int year, int movers = 10, CancellationToken cancellationToken = default)
    {
        SimulationBase basis;
        bool kept;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!database.Exists)
            {
                throw new DatabaseException(string.Format(Resources.Strings.DatabaseMissing, database.Target.Display)); // not made anew by reading it
            }

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
            // Nothing new since the year was read, or since reading it failed, or no file (the next simulation tries, and says why).
            if (!database.Exists || await VersionAsync(cancellationToken) is not { } version || version == _version)
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

    /// <summary>
    /// What tells a database's data apart: the file's own number (PRAGMA user_version, set when it was created), the
    /// time it was last written and its length (a file put in its place, even a copy with the same number, or one
    /// overwritten behind SQLite's back), and the data version the watching connection sees (any commit by anyone).
    /// </summary>
    private readonly record struct FileVersion(long Number, long Written, long Length, long Data);

    // The version of the SQLite file; null where the engine has none, or on any error. When the file is not the one
    // read before, the watcher and the pool's idle connections, which may still hold the file that was replaced, are
    // dropped (a checkpoint writes the file too: then they are dropped for nothing, and the year read again, which is
    // only slower).
    private async Task<FileVersion?> VersionAsync(CancellationToken cancellationToken)
    {
        if (database.Target is not { Kind: DatabaseKind.Sqlite, FilePath: { } path })
        {
            return null;
        }

        try
        {
            var file = new FileInfo(path);
            var (written, length) = (file.LastWriteTimeUtc.Ticks, file.Length);
            long number;
            await using (var fresh = await OpenUnpooledAsync(cancellationToken)) // outside the pool, which may hold a replaced file
            {
                number = await fresh.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA user_version", cancellationToken: cancellationToken));
            }

            if (_watcher is not null && _watched != (number, written, length))
            {
                await _watcher.DisposeAsync();
                _watcher = null;
                SqliteConnection.ClearPool(new SqliteConnection(database.Target.ConnectionString));
            }

            if (_watcher is null)
            {
                _watcher = await OpenUnpooledAsync(cancellationToken);
                _watched = (number, written, length);
            }

            var data = await _watcher.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA data_version", cancellationToken: cancellationToken));
            return new FileVersion(number, written, length, data);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or DatabaseException or IOException)
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
        // Never creates the file: a database deleted while a host runs stays deleted.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(database.Target.ConnectionString)
        {
            Pooling = false,
            Mode = SqliteOpenMode.ReadWrite,
        }.ToString());
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
