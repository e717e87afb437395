using Assessment.Assessing;
using Assessment.Data;
using Assessment.Scheduling;
using Assessment.Tests.Demo;
using Assessment.Tests.Support;
using Dapper;
using Hangfire;
using Hangfire.InMemory;

namespace Assessment.Tests.Scheduling;

/// <summary>
/// A split run's jobs called one after another in this process, on a copy of the SQLite demo (the jobs they enqueue go to
/// an in-memory store no server reads): the same results as a run on one machine, the run stored once however often
/// the final job runs, and a clear failure when the institutions change under a run.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class SplitAssessmentTests(DemoFixture demo)
{
    private static SplitAssessment Split(Database database) =>
        new(database, FixedClock.Default, new JobLedger(database, FixedClock.Default), new BackgroundJobClient(new InMemoryStorage()));

    [Fact]
    public async Task Every_phase_in_turn_gives_the_results_of_one_machine_and_the_final_job_stores_once()
    {
        using var temp = new TempDatabase();
        var database = demo.CopyTo(temp);
        var single = await new AssessmentService(database, FixedClock.Default).AssessAsync(2025);
        var split = Split(database);
        var key = await split.StartAsync(2025);
        var counties = single.Institutions.Select(result => result.CountyCode!).Distinct().ToArray();

        for (var phase = 1; phase <= SplitAssessment.LastPhase; phase++)
        {
            foreach (var county in counties)
            {
                await split.CountyAsync(key, phase, county);
            }

            if (phase < SplitAssessment.LastPhase)
            {
                await split.RankAsync(key, phase);
            }
        }

        Assert.Null(await split.StoredRunAsync(key));
        await split.FinishAsync(key);
        var again = await Split(database).FinishAsync(key); // the ledger says done: nothing happens
        await using var session = await database.OpenAsync();
        // As if the worker had died after storing the run but before the ledger knew: the next attempt stores nothing.
        await session.Connection.ExecuteAsync("UPDATE job_runs SET status = 'failed' WHERE kind = @kind AND scope = @key", new { kind = SplitAssessment.FinalKind, key });
        var afterCrash = await Split(database).FinishAsync(key);
        var runId = await split.StoredRunAsync(key);

        Assert.NotNull(runId);
        Assert.Contains(key, again);
        Assert.Contains(string.Format(Assessment.Resources.Strings.SplitRunStoredBefore, key, runId), afterCrash);
        Assert.Equal(1, await session.Connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM assessment_runs WHERE id > @id", new { id = single.Run.Id }));
        // The county jobs' results, read back from their JSON, are stored as compactly as a run on one machine stores them.
        Assert.Equal(0, await session.Connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM assessment_results WHERE run_id = @runId AND item_set IS NULL", new { runId }));
        var service = new AssessmentService(database, FixedClock.Default);
        var expected = (await service.LatestRunResultsAsync(single.Run.Id)).ToDictionary(result => (result.Level, result.Code), Json);
        var actual = (await service.LatestRunResultsAsync(runId.Value)).ToDictionary(result => (result.Level, result.Code), Json);
        Assert.Equal(949, expected.Count);
        Assert.All(expected, pair => Assert.Equal(pair.Value, actual[pair.Key]));
        Assert.Empty(await split.FailedAsync(key));
    }

    [Fact]
    public async Task A_county_whose_institutions_changed_since_the_start_fails_saying_so()
    {
        using var temp = new TempDatabase();
        var database = demo.CopyTo(temp);
        var split = Split(database);
        var key = await split.StartAsync(2025);
        string county;
        await using (var session = await database.OpenAsync())
        {
            county = await session.Connection.ExecuteScalarAsync<string>("SELECT county_code FROM institutions ORDER BY code LIMIT 1") ?? "";
            await session.Connection.ExecuteAsync(
                "INSERT INTO institutions (code, name, county_code, category, building_area_m2, users, key_unit, updated_at) " +
                "SELECT code || 'X', name || '（新）', county_code, category, building_area_m2, users, key_unit, updated_at FROM institutions ORDER BY code LIMIT 1");
        }

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => split.CountyAsync(key, 1, county));

        Assert.Equal(string.Format(Assessment.Resources.Strings.SplitRunDataChanged, key, county), error.Message);
        Assert.Contains(await split.FailedAsync(key), run => run.Key.Period == $"1/{county}");
        // The ranking and the final job look at every county.
        var ranking = await Assert.ThrowsAsync<InvalidOperationException>(() => split.RankAsync(key, 1));
        Assert.Equal(string.Format(Assessment.Resources.Strings.SplitRunDataChanged, key, county), ranking.Message);
        var final = await Assert.ThrowsAsync<InvalidOperationException>(() => split.FinishAsync(key));
        Assert.Equal(string.Format(Assessment.Resources.Strings.SplitRunDataChanged, key, county), final.Message);
    }

    private static string Json(AssessmentResult result) => System.Text.Json.JsonSerializer.Serialize(result, ResultRepository.Json);
}
