using Assessment.Data;
using Assessment.Rules;
using Dapper;

namespace Assessment.Assessing;

/// <summary>
/// Keeps the <see cref="SimulationBase"/> of the years simulated in a long-running host (the web editor), so that a
/// draft is simulated without reading its year again: the first simulation of a year reads and assesses it, the next
/// ones only run the draft. A base is used only while nothing was committed to the database since it was read: on
/// SQLite, <c>PRAGMA data_version</c> on a connection the cache keeps open (and never writes on) changes with every
/// commit of any other connection or process. On SQL Server nothing is kept: every simulation reads its year.
/// </summary>
public sealed class SimulationCache(Database database, TimeProvider clock) : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<int, SimulationBase> _bases = [];
    private DbSession? _watcher;
    private long? _version;

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
                _bases.Clear();
                _version = version;
            }

            kept = _bases.TryGetValue(year, out basis!);
            if (!kept)
            {
                basis = await new AssessmentService(database, clock).SimulationBaseAsync(year, cancellationToken);
                if (version is not null)
                {
                    _bases[year] = basis;
                }
            }
        }
        finally
        {
            _gate.Release();
        }

        var simulation = AssessmentService.Simulate(basis, draft, movers);
        return kept ? simulation with { Loading = TimeSpan.Zero } : simulation;
    }

    // The SQLite data version seen by the watching connection; null where the engine has none.
    private async Task<long?> VersionAsync(CancellationToken cancellationToken)
    {
        if (database.Target.Kind != DatabaseKind.Sqlite)
        {
            return null;
        }

        _watcher ??= await database.OpenAsync(cancellationToken);
        return await _watcher.Connection.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA data_version", cancellationToken: cancellationToken));
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
