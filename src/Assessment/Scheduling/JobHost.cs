using Assessment.Data;
using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.Server;
using Hangfire.SqlServer;
using Hangfire.Storage.SQLite;

namespace Assessment.Scheduling;

/// <summary>Where Hangfire keeps its queue, retries and history.</summary>
public enum JobStore
{
    /// <summary>The default with SQLite: a SQLite file beside the database (<c>assessment.jobs.db</c>), so queued jobs survive a restart.</summary>
    File,
    /// <summary>In memory: gone when the process ends (tests, one-off runs).</summary>
    Memory,
    /// <summary>The SQL Server database itself (Hangfire's own schema), the default with SQL Server.</summary>
    SqlServer,
    /// <summary>The PostgreSQL database itself (Hangfire's own schema, <c>hangfire</c>), the default with PostgreSQL: workers on several machines share it.</summary>
    PostgreSql,
}

/// <summary>How a <see cref="JobHost"/> runs its jobs.</summary>
public sealed record JobHostOptions
{
    /// <summary>Jobs run at the same time.</summary>
    public int WorkerCount { get; init; } = 2;

    /// <summary>How often a failed job is tried again before it is left failed.</summary>
    public int RetryAttempts { get; init; } = 3;

    /// <summary>The waits before each retry, in seconds (the last one repeats).</summary>
    public int[] RetryDelaysSeconds { get; init; } = [60, 300, 900];

    /// <summary>How often the store is asked for due retries and queued jobs.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Where to report each job's start and end (the worker's console), if anywhere.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>
    /// How long after its worker died a job comes back to another worker (the invisibility timeout of the PostgreSQL and
    /// SQL Server stores; the SQLite file store keeps its own), and how long the ledger's claims last; null: 30 minutes.
    /// Every worker sharing a store should use the same lease.
    /// </summary>
    public TimeSpan? Lease { get; init; }
}

/// <summary>
/// A Hangfire server running <see cref="AssessmentJobs"/> on a job store: what <c>assessment worker</c> and the web host
/// start. It applies the stored schedules as recurring jobs, retries failed jobs <see cref="JobHostOptions.RetryAttempts"/>
/// times, and can enqueue a job now.
/// </summary>
public sealed class JobHost : IAsyncDisposable
{
    private readonly Database _database;
    private readonly BackgroundJobServer _server;

    private JobHost(Database database, JobStorage storage, BackgroundJobServer server)
    {
        _database = database;
        Storage = storage;
        _server = server;
        Recurring = new RecurringJobManager(storage);
        Client = new BackgroundJobClient(storage);
    }

    /// <summary>The job store.</summary>
    public JobStorage Storage { get; }

    /// <summary>Adds, updates and removes recurring jobs.</summary>
    public RecurringJobManager Recurring { get; }

    /// <summary>Enqueues jobs.</summary>
    public BackgroundJobClient Client { get; }

    /// <summary>The store to use for <paramref name="target"/>: <paramref name="store"/>, or the default for its engine.</summary>
    public static JobStorage CreateStorage(DatabaseTarget target, JobStore? store = null, TimeSpan? pollInterval = null, TimeSpan? lease = null)
    {
        // Workers on PostgreSQL ask every second: a split run's jobs are short and follow one another.
        var poll = pollInterval ?? TimeSpan.FromSeconds(target.Kind == DatabaseKind.PostgreSql ? 1 : 15);
        return (store ?? DefaultStore(target.Kind)) switch
        {
            JobStore.Memory => new InMemoryStorage(),
            JobStore.SqlServer when target.Kind == DatabaseKind.SqlServer =>
                new SqlServerStorage(target.ConnectionString, new SqlServerStorageOptions
                {
                    QueuePollInterval = poll,
                    PrepareSchemaIfNecessary = true,
                    SlidingInvisibilityTimeout = lease ?? JobLedger.Lease, // the lease; a split run's claims last half of it
                }),
            JobStore.PostgreSql when target.Kind == DatabaseKind.PostgreSql => PostgreSqlStore(target.ConnectionString, poll, lease),
            JobStore.File when target.FilePath is { } path => new SQLiteStorage(StorePath(path), new SQLiteStorageOptions { QueuePollInterval = poll }),
            var other => throw new ArgumentException(string.Format(Resources.Strings.JobStoreMismatch, other, target.Kind)),
        };
    }

    /// <summary>The store a database's jobs go to unless told otherwise: the server's own database, or a file beside a SQLite one.</summary>
    public static JobStore DefaultStore(DatabaseKind kind) => kind switch
    {
        DatabaseKind.SqlServer => JobStore.SqlServer,
        DatabaseKind.PostgreSql => JobStore.PostgreSql,
        _ => JobStore.File,
    };

    // Hangfire's PostgreSQL storage: a job whose worker stops renewing it (sliding invisibility) goes back to the queue
    // when the lease passes, for another worker.
    private static PostgreSqlStorage PostgreSqlStore(string connectionString, TimeSpan poll, TimeSpan? lease)
    {
        var options = new PostgreSqlStorageOptions
        {
            QueuePollInterval = poll,
            PrepareSchemaIfNecessary = true,
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = lease ?? JobLedger.Lease,
        };
        return new PostgreSqlStorage(new Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString, options), options);
    }

    /// <summary>The job store file beside a SQLite database: <c>data/assessment.db</c> → <c>data/assessment.jobs.db</c>.</summary>
    public static string StorePath(string databasePath) => Path.ChangeExtension(databasePath, null) + ".jobs.db";

    /// <summary>Starts a server on <paramref name="storage"/> whose jobs work on <paramref name="database"/>.</summary>
    public static JobHost Start(Database database, JobStorage storage, TimeProvider clock, JobHostOptions? options = null)
    {
        options ??= new JobHostOptions();
        var filters = new JobFilterCollection();
        foreach (var filter in GlobalJobFilters.Filters.Where(filter => filter.Instance is not AutomaticRetryAttribute))
        {
            filters.Add(filter.Instance, filter.Order);
        }

        filters.Add(new AutomaticRetryAttribute
        {
            Attempts = options.RetryAttempts,
            DelaysInSeconds = options.RetryDelaysSeconds,
            OnAttemptsExceeded = AttemptsExceededAction.Fail,
        });
        if (options.Log is { } log)
        {
            filters.Add(new LogFilter(log));
        }

        var server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = options.WorkerCount,
            SchedulePollingInterval = options.PollInterval,
            Activator = new Activator(() => new AssessmentJobs(database, clock, storage, options.Lease)),
            FilterProvider = filters,
            ServerName = $"assessment-{Environment.MachineName}-{Environment.ProcessId}",
        }, storage);
        return new JobHost(database, storage, server);
    }

    /// <summary>Registers the recurring jobs from the stored schedules (China Standard Time); a disabled job is removed.</summary>
    public async Task<IReadOnlyList<JobSchedule>> ApplySchedulesAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<JobSchedule> schedules;
        await using (var session = await _database.OpenAsync(cancellationToken))
        {
            schedules = await new ScheduleRepository(session).ListAsync(cancellationToken);
        }

        foreach (var schedule in schedules)
        {
            var id = schedule.Job.Id;
            if (schedule.Enabled)
            {
                Recurring.AddOrUpdate<AssessmentJobs>(id, jobs => jobs.RunAsync(id, null, CancellationToken.None), schedule.Cron,
                    new RecurringJobOptions { TimeZone = ScheduledJobs.TimeZone });
            }
            else
            {
                Recurring.RemoveIfExists(id);
            }
        }

        return schedules;
    }

    /// <summary>Enqueues job <paramref name="jobId"/> for <paramref name="period"/> (null: the period that just ended); returns the Hangfire job id.</summary>
    public string Enqueue(string jobId, string? period) => Enqueue(Storage, jobId, period, TimeProvider.System);

    /// <summary>
    /// Enqueues a job on <paramref name="storage"/> for whichever server works on it (another process, with a file or SQL
    /// Server store); a period the job would refuse is refused here, before anything is queued.
    /// </summary>
    public static string Enqueue(JobStorage storage, string jobId, string? period, TimeProvider clock)
    {
        var id = ScheduledJobs.Get(jobId).Id;
        AssessmentJobs.CheckPeriod(id, period, clock);
        return new BackgroundJobClient(storage).Enqueue<AssessmentJobs>(jobs => jobs.RunAsync(id, period, CancellationToken.None));
    }

    /// <summary>Stops taking jobs and waits for those running to finish.</summary>
    public async ValueTask DisposeAsync()
    {
        _server.SendStop();
        await _server.WaitForShutdownAsync(CancellationToken.None);
        _server.Dispose();
    }

    private sealed class Activator(Func<AssessmentJobs> create) : JobActivator
    {
        public override object ActivateJob(Type jobType) => jobType == typeof(AssessmentJobs) ? create() : base.ActivateJob(jobType);
    }

    private sealed class LogFilter(Action<string> log) : JobFilterAttribute, IServerFilter
    {
        public void OnPerforming(PerformingContext context) =>
            log(string.Format(Resources.Strings.JobStarted, context.BackgroundJob.Id, Describe(context.BackgroundJob.Job)));

        public void OnPerformed(PerformedContext context) => log(context.Exception is { } e
            ? string.Format(Resources.Strings.JobFailed, context.BackgroundJob.Id, Describe(context.BackgroundJob.Job), (e.InnerException ?? e).Message)
            : string.Format(Resources.Strings.JobFinished, context.BackgroundJob.Id, context.Result));

        private static string Describe(Job job) => string.Join(" ", job.Args.Where(arg => arg is string or int).Select(arg => Convert.ToString(arg, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
