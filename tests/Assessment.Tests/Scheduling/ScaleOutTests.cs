using System.Collections.Concurrent;
using System.Diagnostics;
using Assessment.Assessing;
using Assessment.Data;
using Assessment.Demo;
using Assessment.Indicators;
using Assessment.Scheduling;
using Assessment.Tests.Data;
using Assessment.Tests.Support;
using Dapper;
using Hangfire;
using Npgsql;

namespace Assessment.Tests.Scheduling;

/// <summary>
/// Scale-out for real, on PostgreSQL (when ASSESSMENT_TEST_POSTGRES names a server; <c>.ci/run</c> starts one): an
/// assessment run split by county is done by two <c>assessment worker</c> processes sharing Hangfire's PostgreSQL
/// storage; one is killed in the middle of a county's job; the run completes once, and its results equal a run on one
/// machine.
/// </summary>
public sealed class ScaleOutTests
{
    [Fact]
    public async Task Two_workers_share_a_split_run_one_is_killed_and_the_run_completes_once_with_the_same_results()
    {
        var admin = Environment.GetEnvironmentVariable(PostgreSqlRepositoryTests.Variable);
        Assert.SkipWhen(string.IsNullOrWhiteSpace(admin), $"No PostgreSQL here: set {PostgreSqlRepositoryTests.Variable} to run the scale-out test.");
        var name = $"assessment_scaleout_{Environment.ProcessId}_{DateTime.UtcNow:HHmmssfff}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.ExecuteAsync($"CREATE DATABASE {name}");
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        var database = new Database(DatabaseTarget.Parse("postgres:" + connectionString));
        var workers = new List<Worker>();
        try
        {
            await new DemoBuilder(database, FixedClock.Default).BuildAsync(new DemoOptions(DemoOptions.DefaultSeed, 400),
                FactorTableReader.ReadDirectory(Path.Combine(Repository.Root, "rules", "factors")), force: true,
                ruleSets: DatabaseSetup.ShippedRuleSets(Path.Combine(Repository.Root, "rules")));
            var single = await new AssessmentService(database, FixedClock.Default).AssessAsync(2025); // the reference: one machine

            workers.Add(Worker.Start(connectionString));
            workers.Add(Worker.Start(connectionString));
            var storage = JobHost.CreateStorage(database.Target);
            var split = new SplitAssessment(database, FixedClock.Default, new JobLedger(database, FixedClock.Default), new BackgroundJobClient(storage));
            var key = await split.StartAsync(2025);

            // Kill the first worker in the middle of a county's job: once it has claimed the piece and before it is done.
            var killed = await workers[0].KillWhenStartingAsync(key, TimeSpan.FromSeconds(60), async piece =>
                             {
                                 await using var watcher = await database.OpenAsync();
                                 for (var poll = 0; poll < 2000; poll++)
                                 {
                                     var status = await watcher.Connection.QuerySingleOrDefaultAsync<string?>(
                                         "SELECT status FROM job_runs WHERE kind = 'assessment-county' AND scope = @key AND period = @piece", new { key, piece });
                                     if (status is not null)
                                     {
                                         Assert.True(status == "running", $"piece {piece} was {status} before the worker could be killed");
                                         return;
                                     }

                                     await Task.Delay(1);
                                 }
                             })
                         ?? throw new Xunit.Sdk.XunitException($"worker 1 took no county job; it said:{Environment.NewLine}{workers[0].Output}{Environment.NewLine}worker 2 said:{Environment.NewLine}{workers[1].Output}");
            var watch = Stopwatch.StartNew();
            long? runId;
            while ((runId = await split.StoredRunAsync(key)) is null)
            {
                Assert.True(watch.Elapsed < TimeSpan.FromMinutes(3), $"the split run did not finish; worker 2 said:{Environment.NewLine}{workers[1].Output}");
                Assert.False(workers[1].HasExited, $"worker 2 stopped:{Environment.NewLine}{workers[1].Output}");
                await Task.Delay(500);
            }

            await using var session = await database.OpenAsync();
            var runs = await session.Connection.QueryAsync<long>("SELECT id FROM assessment_runs WHERE year = 2025 AND id > @id", new { id = single.Run.Id });
            Assert.Equal([runId.Value], runs); // stored once
            var taken = await session.Connection.QueryAsync<(string Period, long Attempts)>(
                "SELECT period, attempts FROM job_runs WHERE kind = 'assessment-county' AND scope = @key", new { key });
            Assert.Contains(taken, piece => piece.Period == killed && piece.Attempts == 2); // the piece cut off was taken over and done once more
            Assert.Contains($"{key} {killed.Replace('/', ' ')}", workers[1].Output); // by the other worker
            Assert.Equal(8 * SplitAssessment.LastPhase, taken.Count());

            var service = new AssessmentService(database, FixedClock.Default);
            var splitResults = (await service.LatestRunResultsAsync(runId.Value)).ToDictionary(result => (result.Level, result.Code), Serialize);
            var singleResults = (await service.LatestRunResultsAsync(single.Run.Id)).ToDictionary(result => (result.Level, result.Code), Serialize);
            Assert.Equal(400 + 8, singleResults.Count);
            Assert.Equal(singleResults.Keys.Order(), splitResults.Keys.Order());
            Assert.All(singleResults, pair => Assert.Equal(pair.Value, splitResults[pair.Key]));
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }

            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin);
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static string Serialize(AssessmentResult result) => System.Text.Json.JsonSerializer.Serialize(result, ResultRepository.Json);

    /// <summary>An <c>assessment worker</c> process (one job at a time, a 10-second lease) whose output is kept.</summary>
    private sealed class Worker : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();
        private readonly SemaphoreSlim _line = new(0);

        private Worker(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) => Add(e.Data);
            _process.ErrorDataReceived += (_, e) => Add(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public bool HasExited => _process.HasExited;

        public string Output => string.Join(Environment.NewLine, _lines);

        public static Worker Start(string connectionString) => new(Process.Start(new ProcessStartInfo("dotnet",
            [Path.Combine(AppContext.BaseDirectory, "assessment.dll"), "worker", "--db", "postgres:" + connectionString, "--workers", "1", "--lease", "10", "--lang", "en"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Repository.Root,
        })!);

        /// <summary>
        /// Waits until this worker starts a county's job of run <paramref name="key"/>, waits for <paramref name="beforeKill"/>,
        /// kills the worker, and returns that job's piece (phase/county); null if it took none in time.
        /// </summary>
        public async Task<string?> KillWhenStartingAsync(string key, TimeSpan timeout, Func<string, Task> beforeKill)
        {
            var deadline = DateTime.UtcNow + timeout;
            var seen = 0;
            while (true)
            {
                if (!await _line.WaitAsync(deadline - DateTime.UtcNow is { Ticks: > 0 } left ? left : TimeSpan.Zero))
                {
                    return null;
                }

                var line = _lines.Skip(seen++).First();
                // "Job #12 started: <key> <phase> <county>" for SplitCountyAsync(key, phase, county), in the language the job
                // was enqueued in (Hangfire carries the culture); its end reads "…: assessment-county/<key>/<phase>/<county>: …".
                var words = line.Split(' ');
                if (line.Contains(key + " ", StringComparison.Ordinal) && words.Length >= 3
                    && words[^1].Length > 0 && words[^1].All(char.IsAsciiDigit) && words[^2].Length > 0 && words[^2].All(char.IsAsciiDigit))
                {
                    var piece = $"{words[^2]}/{words[^1]}";
                    await beforeKill(piece);
                    _process.Kill(entireProcessTree: true);
                    return piece;
                }
            }
        }

        private void Add(string? line)
        {
            if (line is not null)
            {
                _lines.Enqueue(line);
                _line.Release();
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }
}
