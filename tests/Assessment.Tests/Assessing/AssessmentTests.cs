using Assessment.Assessing;
using Assessment.Data;
using Assessment.Demo;
using Assessment.Rules;
using Assessment.Tests.Demo;
using Assessment.Tests.Support;

namespace Assessment.Tests.Assessing;

[Collection(DemoCollection.Name)]
public sealed class AssessmentTests(DemoFixture demo)
{
    [Fact]
    public async Task The_demo_years_are_assessed_with_every_stage_filled_in()
    {
        var stored = (await new AssessmentService(demo.Database, FixedClock.Default).LatestAsync(2025))!;

        Assert.Equal(941, stored.Institutions.Count);
        Assert.Equal(8, stored.Counties.Count);
        Assert.Equal(Enumerable.Range(2021, 5), demo.Result.YearsAssessed);
        Assert.All(stored.Institutions, result => Assert.Contains(result.Grade, RuleCompiler.Grades));
        Assert.Equal(1, stored.Institutions.Min(result => result.Rank));
        Assert.Contains(stored.Institutions, result => result.Vetoed);
        Assert.Contains(stored.Institutions, result => result.Penalties.Count > 0);
        Assert.Contains(stored.Institutions, result => result.Incentives.Count > 0);
        Assert.Contains(stored.Institutions, result => result.Issues.Count > 0);
        Assert.Contains(stored.Institutions, result => result.Demonstrations.Any(d => d is { Programme: "energy-efficiency-leader", Qualifies: true }));
        Assert.All(stored.Institutions, result => Assert.Equal(3, result.Demonstrations.Count));
        Assert.All(stored.Run.RuleSets, key => Assert.Matches("^[a-z-]+@[0-9a-f]{64}$", key));
        Assert.Equal(3, stored.Run.FactorTables.Count); // 2023–2025 and the 2020 baseline: three tables
    }

    [Fact]
    public async Task History_holds_the_earlier_years_with_values_and_reads_nan_for_the_others()
    {
        var first = await AssessmentData.LoadAsync(demo.Database, DemoCalibration.FirstYear);
        var last = await AssessmentData.LoadAsync(demo.Database, DemoCalibration.LastYear);
        var institution = last.Institutions[0];

        var before = new FactsBuilder(first).ForInstitution(first.Institutions.Single(other => other.Code == institution.Code)).History;
        var now = new FactsBuilder(last).ForInstitution(institution).History;

        Assert.Empty(before.Values); // nothing stored before the first demo year
        Assert.True(double.IsNaN(before.EnergyPerArea(1)));
        Assert.Equal([DemoCalibration.LastYear - 2, DemoCalibration.LastYear - 1], now.Values.Keys.Order());
        Assert.Equal(last.InstitutionRows[DemoCalibration.LastYear - 1][institution.Code].EnergyPerArea, now.EnergyPerArea(1));
    }

    [Fact]
    public async Task Ranks_are_competition_ranks_within_each_group()
    {
        var results = (await new AssessmentService(demo.Database, FixedClock.Default).LatestAsync(2025))!.Institutions;

        foreach (var result in results)
        {
            Assert.Equal(1 + results.Count(other => Math.Round(other.Score, 6) > Math.Round(result.Score, 6)), result.Rank);
            Assert.Equal(1 + results.Count(other => other.Category == result.Category && Math.Round(other.Score, 6) > Math.Round(result.Score, 6)), result.RankInCategory);
            Assert.Equal(1 + results.Count(other => other.CountyCode == result.CountyCode && Math.Round(other.Score, 6) > Math.Round(result.Score, 6)), result.RankInCounty);
        }
    }

    [Fact]
    public void Ranking_gives_ties_one_rank_and_counts_each_group()
    {
        // Few distinct scores (many ties, some only after rounding to 6 decimals, -1e-7 rounding to -0 and tying 0),
        // subjects without a category or county, and scores that are not numbers (a run never has them), which tie among
        // themselves below every number.
        var random = new Random(7);
        var subjects = Enumerable.Range(0, 3000).Select(index => new AssessmentEngine.Scored(
            $"c{index}",
            random.Next(5) is var c && c == 0 ? null : $"cat{c}",
            random.Next(7) is var k && k == 0 ? null : $"county{k}",
            random.Next(40) switch
            {
                0 => double.NaN,
                1 => -1e-7,
                _ => random.Next(30) + (random.Next(2) == 0 ? 0 : 4e-7) + (random.Next(3) == 0 ? -0.5 : 0),
            })).ToArray();
        Assert.Contains(subjects, subject => subject.Score == 0);

        var ranks = AssessmentEngine.RankAll(subjects);

        static bool Above(AssessmentEngine.Scored other, AssessmentEngine.Scored subject) =>
            !double.IsNaN(other.Score) && (double.IsNaN(subject.Score) || Math.Round(other.Score, 6) > Math.Round(subject.Score, 6));
        foreach (var subject in subjects)
        {
            var (rank, count, inCategory, countInCategory, inCounty) = ranks[subject.Code];
            Assert.Equal(1 + subjects.Count(other => Above(other, subject)), rank);
            Assert.Equal(subjects.Length, count);
            Assert.Equal(subject.Category is null ? 0 : 1 + subjects.Count(other => other.Category == subject.Category && Above(other, subject)), inCategory);
            Assert.Equal(subject.Category is null ? 0 : subjects.Count(other => other.Category == subject.Category), countInCategory);
            Assert.Equal(1 + subjects.Count(other => other.County == subject.County && Above(other, subject)), inCounty);
        }
    }

    [Fact]
    public async Task The_demo_year_matches_its_golden_results()
    {
        var stored = (await new AssessmentService(demo.Database, FixedClock.Default).LatestAsync(2025))!;

        var actual = Golden.Of(stored);

        Golden.Check("demo-2025.json", actual);
    }

    [Fact]
    public async Task Points_a_penalty_deducts_come_off_the_score()
    {
        using var temp = new TempDatabase();
        var database = await Seed.InitAsync(temp.Database, Seed.Office("A001"), Seed.Office("A002"));
        await Seed.MonthsAsync(database, "A001", 2025, Seed.Quantities(electricityKwh: 20_000, waterM3: 200), months: 12);
        await Seed.MonthsAsync(database, "A002", 2025, Seed.Quantities(electricityKwh: 20_000, waterM3: 200), months: 11);
        await RulePublisher.PublishAsync(database, Path.Combine(Repository.Root, "rules"), FixedClock.Default);
        var service = new AssessmentService(database, FixedClock.Default);
        var stored = await service.AssessAsync(2025);
        var late = stored.Institutions.Single(result => result.Code == "A002");
        var harsher = RuleSetReader.Parse(File.ReadAllText(Path.Combine(Repository.Root, "rules", "penalties.json"))
            .Replace("\"deductPoints\": 2", "\"deductPoints\": 5"), "penalties.json");

        var simulation = await service.SimulateAsync(harsher, 2025);

        Assert.Equal(2, late.Deducted);
        Assert.Contains(late.Penalties, penalty => penalty is { Action: "points-deducted", DeductPoints: 2 });
        Assert.Equal(0, stored.Institutions.Single(result => result.Code == "A001").Deducted);
        var mover = simulation.Movers.Single(m => m.Code == "A002");
        Assert.Equal(-3, mover.Delta, 9); // 5 points instead of 2
        Assert.Equal(0, simulation.Movers.Single(m => m.Code == "A001").Delta, 9);

        // A deduction that changes the grade brings in the penalties on the grade: they see the final grade.
        var ruinous = RuleSetReader.Parse(File.ReadAllText(Path.Combine(Repository.Root, "rules", "penalties.json"))
            .Replace("\"deductPoints\": 2", "\"deductPoints\": 100"), "penalties.json");
        var sets = (await service.InForceAsync(2025)).Where(set => set.Id != "penalties").Append(ruinous).ToArray();
        var after = (await service.RunInMemoryAsync(2025, sets)).Institutions.Single(result => result.Code == "A002");
        Assert.Equal(("not-completed", 0.0), (after.Grade, after.Score));
        Assert.Contains(after.Penalties, penalty => penalty.Rule == "not-completed-rectification");
    }

    [Fact]
    public async Task A_past_year_reassessed_with_the_versions_it_used_gives_the_same_results_and_stores_nothing()
    {
        using var temp = new TempDatabase();
        var database = demo.CopyTo(temp);
        var service = new AssessmentService(database, FixedClock.Default);
        var first = (await service.LatestAsync(2025))!;

        await RulePublisher.PublishAsync(database, Repository.Fixture("rules", "institution-assessment-2025.json"), FixedClock.Default);
        var changed = await service.AssessAsync(2025);
        var runs = await database.CountAsync("SELECT COUNT(*) FROM assessment_runs");
        var reproduction = await service.ReproduceAsync(2025, first.Run.Id);

        Assert.NotEqual(first.Run.RuleSets, changed.Run.RuleSets);
        Assert.NotEqual(Golden.Of(first), Golden.Of(changed));
        Assert.Equal(first.Run.Id, reproduction.Original.Id);
        Assert.Empty(reproduction.Different);
        Assert.Equal(949, reproduction.Recomputed.Count);
        Assert.Equal(runs, await database.CountAsync("SELECT COUNT(*) FROM assessment_runs"));
        Assert.Equal(changed.Run.Id, (await service.LatestAsync(2025))!.Run.Id); // the year's results are still the latest real run
        await Assert.ThrowsAsync<ArgumentException>(() => service.ReproduceAsync(2024, first.Run.Id)); // a 2025 run is not a 2024 one
    }

    [Fact]
    public async Task A_version_applies_from_its_first_year_and_earlier_years_keep_theirs()
    {
        using var temp = new TempDatabase();
        var database = demo.CopyTo(temp);
        await RulePublisher.PublishAsync(database, Repository.Fixture("rules", "institution-assessment-2025.json"), FixedClock.Default);

        await using var session = await database.OpenAsync();
        var repository = new RuleSetRepository(session);
        var in2024 = (await repository.InForceAsync(2024)).Single(set => set.RuleSetId == "institution-assessment");
        var in2025 = (await repository.InForceAsync(2025)).Single(set => set.RuleSetId == "institution-assessment");

        Assert.Equal("2021.1", in2024.Version);
        Assert.Equal("2025.2", in2025.Version);
    }

    [Fact]
    public async Task A_rule_that_fails_for_one_institution_stops_the_run_naming_it_and_stores_nothing()
    {
        using var temp = new TempDatabase();
        var database = demo.CopyTo(temp);
        await RulePublisher.PublishAsync(database, Repository.Fixture("rules", "fragile-at-run-time.json"), FixedClock.Default);
        var runs = await database.CountAsync("SELECT COUNT(*) FROM assessment_runs");
        var results = await database.CountAsync("SELECT COUNT(*) FROM assessment_results");

        var error = await Assert.ThrowsAsync<RuleEvaluationException>(() => new AssessmentService(database, FixedClock.Default).AssessAsync(2025));

        Assert.Equal("quota-energy-per-area", error.Rule);
        Assert.Matches("^652[0-9]{7} ", error.Subject);
        Assert.Contains(error.Subject, error.Message);
        Assert.Equal(runs, await database.CountAsync("SELECT COUNT(*) FROM assessment_runs"));
        Assert.Equal(results, await database.CountAsync("SELECT COUNT(*) FROM assessment_results"));
    }

    [Fact]
    public async Task A_broken_rule_set_is_not_published_and_the_stored_versions_stay()
    {
        using var temp = new TempDatabase();
        var database = demo.CopyTo(temp);
        var versions = await database.CountAsync("SELECT COUNT(*) FROM rule_set_versions");

        foreach (var fixture in Directory.GetFiles(Repository.Fixture("rules"), "bad-*.json"))
        {
            await Assert.ThrowsAsync<RuleSetException>(() => RulePublisher.PublishAsync(database, fixture, FixedClock.Default));
        }

        Assert.Equal(versions, await database.CountAsync("SELECT COUNT(*) FROM rule_set_versions"));
    }

    [Fact]
    public async Task A_simulation_reports_what_a_draft_changes_and_stores_nothing()
    {
        var runs = await demo.Database.CountAsync("SELECT COUNT(*) FROM assessment_runs");
        var draft = RuleSetReader.ReadFile(Repository.Fixture("rules", "institution-assessment-2025.json"));

        var simulation = await new AssessmentService(demo.Database, FixedClock.Default).SimulateAsync(draft, 2025);

        Assert.Equal(941, simulation.Subjects);
        Assert.InRange(simulation.GradeChanges, 1, 940);
        Assert.InRange(simulation.RankChanges, 1, 941);
        Assert.Equal(10, simulation.Movers.Count);
        Assert.All(simulation.Movers.Zip(simulation.Movers.Skip(1)), pair => Assert.True(Math.Abs(pair.First.Delta) >= Math.Abs(pair.Second.Delta)));
        Assert.Equal(941, simulation.GradesAfter.Values.Sum());
        Assert.Equal(runs, await demo.Database.CountAsync("SELECT COUNT(*) FROM assessment_runs"));
    }

    [Fact]
    public async Task An_explanation_shows_each_item_with_the_inputs_that_decided_it()
    {
        var stored = (await new AssessmentService(demo.Database, FixedClock.Default).LatestAsync(2025))!;
        var subject = stored.Institutions.First(result => result.Items.Any(item => item.Rule == "quota-energy-per-area" && item.Applies));
        var row = (await demo.RowsAsync(2025, Assessment.Indicators.IndicatorLevel.Institution)).Single(r => r.Code == subject.Code);

        var explanation = await new AssessmentService(demo.Database, FixedClock.Default).ExplainAsync(2025, subject.Code);

        Assert.True(explanation.Matches);
        var quota = explanation.Traces.Single(trace => trace.Rule == "quota-energy-per-area");
        Assert.Equal(subject.Items.Single(item => item.Rule == "quota-energy-per-area").Points, quota.Output!.Value, 9);
        Assert.Equal(row.EnergyPerArea!.Value, (double)quota.Inputs.Single(input => input.Path == "i.EnergyPerArea").Value!, 9);
        Assert.Contains(quota.Inputs, input => input.Path == "q.EnergyPerArea.Guide");
        Assert.Null(explanation.Traces.First(trace => trace.Rule == "quota").Holds); // a group of items neither holds nor fails
        Assert.Contains(explanation.Traces, trace => trace.Inputs.Any(input => input.Path.StartsWith("m.Points(")));
        Assert.Equal("单位建筑面积能耗", InputLabels.Describe("i.EnergyPerArea").Split(" · ")[1]);
    }

    [Fact]
    public async Task A_last_run_on_prepared_inputs_gives_what_runs_on_copies_give_and_allows_no_other()
    {
        var service = new AssessmentService(demo.Database, FixedClock.Default);
        var selection = new RuleSetSelection(await service.InForceAsync(2025), 2025);
        var prepared = AssessmentEngine.Prepare(await AssessmentData.LoadAsync(demo.Database, 2025));
        static string Json(AssessmentEngine.Outcome outcome) => System.Text.Json.JsonSerializer.Serialize(
            outcome.Institutions.Concat(outcome.Counties), ResultRepository.Json);

        var first = Json(AssessmentEngine.Run(prepared, selection, keepInputs: false));
        var second = Json(AssessmentEngine.Run(prepared, selection, keepInputs: false)); // the first wrote into copies
        var last = Json(AssessmentEngine.Run(prepared, selection, keepInputs: false, last: true)); // into the inputs, letting them go

        Assert.Equal(first, second);
        Assert.Equal(first, last);
        Assert.Throws<InvalidOperationException>(() => AssessmentEngine.Run(prepared, selection));
    }
}
