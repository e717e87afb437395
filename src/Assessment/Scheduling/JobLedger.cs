using Assessment.Data;
using Dapper;

namespace Assessment.Scheduling;

/// <summary>
/// Makes scheduled work idempotent: each piece of work is keyed by (kind, scope, period) in the application's own
/// table. The first run claims the key and does the work; a run that finds it done does nothing; a retry after a
/// failure, or after a worker died (the claim is older than <see cref="Lease"/>), claims it again. So a job that is
/// retried, or enqueued twice, does the work once.
/// </summary>
/// <remarks>
/// Each claim is one statement (insert if absent, or update where still claimable), so two runs racing on one key
/// cannot both win, on SQLite as on SQL Server, without holding a transaction open across a read and a write.
/// </remarks>
public sealed class JobLedger(Database database, TimeProvider clock, TimeSpan? lease = null)
{
    /// <summary>How long a claim protects running work before another run may take it over, unless the ledger is given another.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(30);

    private readonly TimeSpan _lease = lease ?? Lease;

    /// <summary>What a run of a job found.</summary>
    public enum Outcome
    {
        /// <summary>This run did the work.</summary>
        Done,
        /// <summary>The work was already done: nothing happened.</summary>
        AlreadyDone,
        /// <summary>Another run is doing it now: nothing happened.</summary>
        Running,
    }

    /// <summary>Does <paramref name="work"/> unless the key was done already; a failure is recorded and thrown again (for the retry).</summary>
    public async Task<Outcome> RunOnceAsync(JobKey key, Func<CancellationToken, Task<string>> work, CancellationToken cancellationToken = default)
    {
        var claim = await ClaimAsync(key, cancellationToken);
        if (claim != Outcome.Done)
        {
            return claim;
        }

        string result;
        try
        {
            result = await work(cancellationToken);
        }
        catch (Exception e)
        {
            await FinishAsync(key, "failed", null, e.Message, CancellationToken.None);
            throw;
        }

        await FinishAsync(key, "done", result, null, CancellationToken.None);
        return Outcome.Done;
    }

    /// <summary>
    /// Runs <paramref name="work"/> once (<see cref="RunOnceAsync"/>) and says what happened: its result, that it was done
    /// before (with that result), or that another run holds it — an error when <paramref name="runningElsewhereFails"/>,
    /// so that Hangfire tries the job again later rather than count it done.
    /// </summary>
    public async Task<string> DescribeOnceAsync(JobKey key, Func<CancellationToken, Task<string>> work, bool runningElsewhereFails,
        CancellationToken cancellationToken = default)
    {
        string? summary = null;
        var outcome = await RunOnceAsync(key, async token => summary = await work(token), cancellationToken);
        return outcome switch
        {
            Outcome.Done => $"{key}: {summary}",
            Outcome.AlreadyDone => string.Format(Resources.Strings.JobAlreadyDone, key, (await FindAsync(key, cancellationToken))?.Result),
            _ when runningElsewhereFails => throw new InvalidOperationException(string.Format(Resources.Strings.JobRunningElsewhere, key)),
            _ => string.Format(Resources.Strings.JobRunningElsewhere, key),
        };
    }

    /// <summary>The recorded run of <paramref name="key"/>, if any.</summary>
    public async Task<JobRun?> FindAsync(JobKey key, CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var row = await session.Connection.QuerySingleOrDefaultAsync<JobRunRow>(new CommandDefinition(
            Select + " WHERE kind = @Kind AND scope = @Scope AND period = @Period", key, cancellationToken: cancellationToken));
        return row?.ToRun();
    }

    /// <summary>The most recent <paramref name="limit"/> runs, newest first, optionally of one kind.</summary>
    public async Task<IReadOnlyList<JobRun>> ListAsync(string? kind = null, int limit = 50, CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var rows = await session.Connection.QueryAsync<JobRunRow>(new CommandDefinition(
            Select + (kind is null ? "" : " WHERE kind = @kind") + " ORDER BY started_at DESC, kind, scope, period",
            new { kind }, cancellationToken: cancellationToken));
        return rows.Take(limit).Select(row => row.ToRun()).ToArray();
    }

    /// <summary>Every run of one scope (a split run's pieces share its key as their scope).</summary>
    public async Task<IReadOnlyList<JobRun>> ForScopeAsync(string scope, CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var rows = await session.Connection.QueryAsync<JobRunRow>(new CommandDefinition(
            Select + " WHERE scope = @scope ORDER BY kind, period", new { scope }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToRun()).ToArray();
    }

    private const string Select =
        "SELECT kind AS Kind, scope AS Scope, period AS Period, status AS Status, attempts AS Attempts, started_at AS StartedAt, " +
        "finished_at AS FinishedAt, result AS Result, error AS Error FROM job_runs";

    /// <returns><see cref="Outcome.Done"/> when this run now holds the claim.</returns>
    private async Task<Outcome> ClaimAsync(JobKey key, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var session = await database.OpenAsync(cancellationToken);
        var inserted = await session.Connection.ExecuteAsync(new CommandDefinition(
            session.Dialect.InsertIfAbsent("job_runs", ["kind", "scope", "period"], ["status", "attempts", "started_at"]),
            new { kind = key.Kind, scope = key.Scope, period = key.Period, status = "running", attempts = 1, started_at = now },
            cancellationToken: cancellationToken));
        if (inserted == 1)
        {
            return Outcome.Done;
        }

        // A failed run, or a claim whose worker died, may be taken over; a done one never is.
        var retaken = await session.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE job_runs SET status = 'running', attempts = attempts + 1, started_at = @now, finished_at = NULL, error = NULL " +
            "WHERE kind = @Kind AND scope = @Scope AND period = @Period AND (status = 'failed' OR (status = 'running' AND started_at < @expired))",
            new { key.Kind, key.Scope, key.Period, now, expired = now - _lease }, cancellationToken: cancellationToken));
        if (retaken == 1)
        {
            return Outcome.Done;
        }

        var status = await session.Connection.ExecuteScalarAsync<string>(new CommandDefinition(
            "SELECT status FROM job_runs WHERE kind = @Kind AND scope = @Scope AND period = @Period", key, cancellationToken: cancellationToken));
        return status == "done" ? Outcome.AlreadyDone : Outcome.Running;
    }

    private async Task FinishAsync(JobKey key, string status, string? result, string? error, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        await session.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE job_runs SET status = @status, finished_at = @now, result = @result, error = @error WHERE kind = @Kind AND scope = @Scope AND period = @Period",
            new { status, now = clock.GetUtcNow().UtcDateTime, result, error, key.Kind, key.Scope, key.Period }, cancellationToken: cancellationToken));
    }

    private sealed class JobRunRow
    {
        public string Kind { get; set; } = "";
        public string Scope { get; set; } = "";
        public string Period { get; set; } = "";
        public string Status { get; set; } = "";
        public int Attempts { get; set; }
        public DateTime StartedAt { get; set; }
        public DateTime? FinishedAt { get; set; }
        public string? Result { get; set; }
        public string? Error { get; set; }

        public JobRun ToRun() => new(new JobKey(Kind, Scope, Period), Status, Attempts, StartedAt, FinishedAt, Result, Error);
    }
}

/// <summary>What a piece of scheduled work is for: its kind, the scope it covers, and the period (month, quarter, day, year).</summary>
public sealed record JobKey(string Kind, string Scope, string Period)
{
    public override string ToString() => $"{Kind}/{Scope}/{Period}";
}

/// <summary>A recorded run of a piece of work.</summary>
public sealed record JobRun(JobKey Key, string Status, int Attempts, DateTime StartedAt, DateTime? FinishedAt, string? Result, string? Error);
