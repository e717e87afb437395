using Assessment.Assessing;
using Assessment.Data;
using Assessment.Tests.Demo;
using Assessment.Tests.Support;
using Dapper;

namespace Assessment.Tests.Assessing;

/// <summary>
/// The web editor's simulations: the year is read once and kept while the database does not change, every draft is
/// compared with the rule sets in force, and earlier years' history is read from short columns as from full details.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class SimulationCacheTests(DemoFixture demo)
{
    [Fact]
    public async Task A_year_is_read_once_and_read_again_after_any_change_to_the_database()
    {
        using var temp = new TempDatabase();
        var database = demo.CopyTo(temp);
        var service = new AssessmentService(database, FixedClock.Default);
        var draft = (await service.InForceAsync(2025)).Single(set => set.Id == "institution-assessment");
        await using var cache = new SimulationCache(database, FixedClock.Default);

        var first = await cache.SimulateAsync(draft, 2025);
        var second = await cache.SimulateAsync(draft, 2025);

        Assert.True(first.Loading > TimeSpan.Zero);
        Assert.Equal(TimeSpan.Zero, second.Loading); // kept
        // The rule sets in force simulated against themselves change nothing, from a kept year as from a fresh one.
        Assert.All(new[] { first, second }, simulation => Assert.Equal((0, 0, 0), (simulation.GradeChanges, simulation.RankChanges, simulation.DemonstrationChanges)));
        Assert.Equal(first.GradesBefore, second.GradesAfter);

        // A change committed by another connection (here: one institution's checklist emptied) makes the next simulation read again.
        await using (var session = await database.OpenAsync())
        {
            await session.Connection.ExecuteAsync("DELETE FROM checklist WHERE year = 2025 AND code = (SELECT MIN(code) FROM checklist WHERE year = 2025)");
        }

        var third = await cache.SimulateAsync(draft, 2025);
        Assert.True(third.Loading > TimeSpan.Zero);
        Assert.Equal(0, third.GradeChanges); // the draft is still the set in force: both sides read the new data
        Assert.NotEqual(first.GradesBefore, third.GradesBefore); // a unit without its work measures drops a grade
    }

    [Fact]
    public async Task A_database_file_put_in_the_place_of_the_one_read_is_read_again()
    {
        using var temp = new TempDatabase();
        var (cache, draft, first) = await KeptAsync(temp);
        await using var disposing = cache;

        // As `demo --force` from another process does while the web host runs: the file is deleted and another made in
        // its place, with its own number; this process's pooled connections still hold the old file.
        foreach (var suffix in new[] { "", "-wal", "-shm" }.Where(suffix => File.Exists(temp.Path + suffix)))
        {
            File.Delete(temp.Path + suffix);
        }

        foreach (var suffix in new[] { "", "-wal", "-shm" }.Where(suffix => File.Exists(demo.Path + suffix)))
        {
            File.Copy(demo.Path + suffix, temp.Path + suffix);
        }

        await using (var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={temp.Path};Pooling=False"))
        {
            await other.OpenAsync();
            Assert.NotEqual(0, await other.ExecuteScalarAsync<long>("PRAGMA user_version")); // the demo's file got one when it was made
            await other.ExecuteAsync("PRAGMA user_version = 12345; DELETE FROM checklist WHERE year = 2025 AND code = (SELECT MIN(code) FROM checklist WHERE year = 2025)");
        }

        var third = await cache.SimulateAsync(draft, 2025);

        Assert.True(third.Loading > TimeSpan.Zero);
        Assert.NotEqual(first.GradesBefore, third.GradesBefore); // the new file was read, not the old one
    }

    [Fact]
    public async Task A_copy_with_the_same_number_moved_into_place_is_read_again_and_a_deleted_file_is_not_made_again()
    {
        using var temp = new TempDatabase();
        var (cache, draft, first) = await KeptAsync(temp);
        await using var disposing = cache;

        // A backup restored by renaming it over the file: the same PRAGMA user_version, other data.
        var copy = temp.File("restored.db");
        File.Copy(temp.Path, copy);
        await using (var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={copy};Pooling=False"))
        {
            await other.OpenAsync();
            await other.ExecuteAsync("PRAGMA journal_mode = DELETE; DELETE FROM checklist WHERE year = 2025 AND code = (SELECT MIN(code) FROM checklist WHERE year = 2025)");
        }

        foreach (var suffix in new[] { "-wal", "-shm" }.Where(suffix => File.Exists(temp.Path + suffix)))
        {
            File.Delete(temp.Path + suffix);
        }

        File.Move(copy, temp.Path, overwrite: true);
        var restored = await cache.SimulateAsync(draft, 2025);
        Assert.True(restored.Loading > TimeSpan.Zero);
        Assert.NotEqual(first.GradesBefore, restored.GradesBefore); // the restored file was read, not the old one

        // Deleted while a host runs: said so, and not made again as an empty file by the watching.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }.Where(suffix => File.Exists(temp.Path + suffix)))
        {
            File.Delete(temp.Path + suffix);
        }

        Assert.False(await cache.KeepFreshAsync(2025, TimeSpan.Zero));
        var missing = await Assert.ThrowsAsync<DatabaseException>(() => cache.SimulateAsync(draft, 2025));
        Assert.Contains(temp.Path, missing.Message);
        Assert.False(File.Exists(temp.Path));
    }

    // A cache on a copy of the demo that has read 2025 and keeps it, the scoring set in force as the draft, and its first answer.
    private async Task<(SimulationCache Cache, Assessment.Rules.CompiledRuleSet Draft, Simulation First)> KeptAsync(TempDatabase temp)
    {
        var database = demo.CopyTo(temp);
        var draft = (await new AssessmentService(database, FixedClock.Default).InForceAsync(2025)).Single(set => set.Id == "institution-assessment");
        var cache = new SimulationCache(database, FixedClock.Default);
        var first = await cache.SimulateAsync(draft, 2025);
        Assert.Equal(TimeSpan.Zero, (await cache.SimulateAsync(draft, 2025)).Loading);
        return (cache, draft, first);
    }

    [Fact]
    public async Task Earlier_results_read_from_their_short_columns_equal_those_read_from_their_details()
    {
        using var temp = new TempDatabase();
        var database = demo.CopyTo(temp);
        await using var session = await database.OpenAsync();
        var results = new ResultRepository(session);

        var fromColumns = await results.EarlierResultsAsync(2025, "institution");
        // As stored before the columns existed: no columns, the whole result in its details.
        foreach (var year in Enumerable.Range(2021, 4))
        {
            var run = (await results.LatestRunAsync(year))!;
            foreach (var result in await results.ResultsAsync(run.Id, "institution"))
            {
                await session.Connection.ExecuteAsync(
                    "UPDATE assessment_results SET penalty_actions = NULL, titles = NULL, details = @details WHERE run_id = @run AND level = 'institution' AND code = @code",
                    new { details = System.Text.Json.JsonSerializer.Serialize(result, ResultRepository.Json), run = run.Id, code = result.Code });
            }
        }

        var fromDetails = await results.EarlierResultsAsync(2025, "institution");

        Assert.Equal(941 * 4, fromColumns.Count); // 2021–2024
        Assert.Contains(fromColumns, result => result.PenaltyActions.Count > 0);
        Assert.Contains(fromColumns, result => result.Titles.Count > 0);
        Assert.Equal(Keyed(fromDetails), Keyed(fromColumns));
    }

    private static string[] Keyed(IEnumerable<EarlierResult> results) => results
        .Select(result => $"{result.Year}/{result.Code}: {result.Grade} [{string.Join(",", result.PenaltyActions)}] [{string.Join(",", result.Titles)}]")
        .Order(StringComparer.Ordinal).ToArray();
}
