using System.Text.Json;
using Assessment.Assessing;
using Assessment.Data;
using Assessment.Rules;
using Assessment.Tests.Demo;
using Assessment.Tests.Support;
using Dapper;

namespace Assessment.Tests.Assessing;

/// <summary>
/// A result's scoring items are stored as the scoring set's version and a row of points, and read back as the labelled
/// items the run gave; what it repeats of the run's versions, and what the row's columns hold, is not stored in its
/// details and is read back the same; results stored before (all of it in their details) read as they always did.
/// </summary>
[Collection(DemoCollection.Name)]
public sealed class ResultStorageTests(DemoFixture demo)
{
    private static string Json(AssessmentResult result) => JsonSerializer.Serialize(result, ResultRepository.Json);

    [Fact]
    public async Task Items_are_stored_as_a_row_of_points_and_read_back_as_the_run_gave_them()
    {
        using var temp = new TempDatabase();
        var database = demo.CopyTo(temp);
        var service = new AssessmentService(database, FixedClock.Default);
        var stored = await service.AssessAsync(2025);
        var read = await service.LatestAsync(2025);

        Assert.Equal(stored.Run.Id, read!.Run.Id);
        var computed = stored.Institutions.Concat(stored.Counties).ToDictionary(result => (result.Level, result.Code), Json);
        var readBack = read.Institutions.Concat(read.Counties).ToDictionary(result => (result.Level, result.Code), Json);
        Assert.Equal(computed.Count, readBack.Count);
        Assert.All(computed, entry => Assert.Equal(entry.Value, readBack[entry.Key]));
        Assert.All(read.Institutions, result => Assert.NotEmpty(result.Items));

        await using var session = await database.OpenAsync();
        var rows = (await session.Connection.QueryAsync<(string Details, string? ItemSet, string? ItemPoints)>(
            "SELECT details, item_set, item_points FROM assessment_results WHERE run_id = @id", new { id = stored.Run.Id })).ToArray();
        Assert.All(rows, row =>
        {
            // The run's only version of the set, named by its id.
            Assert.Contains(row.ItemSet, new[] { "institution-assessment", "county-assessment" });
            Assert.StartsWith("[", row.ItemPoints);
            var details = JsonDocument.Parse(row.Details).RootElement;
            Assert.False(details.TryGetProperty("items", out _)); // the labels are not repeated
            // Nor what the run's versions say (the versions of the result's level, the programmes' titles), nor what the
            // row's columns hold, nor empty lists.
            foreach (var left in new[] { "ruleSets", "level", "code", "year", "score", "maxScore", "grade", "vetoed", "rank", "rankInCategory", "rankInCounty" })
            {
                Assert.False(details.TryGetProperty(left, out _), left);
            }

            Assert.True(details.TryGetProperty("name", out _));
            // Nor the grade's label, a zero bonus or deduction, a programme not qualified for, nor what a finding, penalty or
            // incentive copies of its rule: only the rule's set and name (and an incentive's amount).
            Assert.False(details.TryGetProperty("gradeLabel", out _));
            foreach (var left in new[] { "bonus", "deducted" })
            {
                Assert.True(!details.TryGetProperty(left, out var value) || value.GetDouble() != 0, left);
            }

            if (details.TryGetProperty("demonstrations", out var demonstrations))
            {
                // The lines are the programmes in the run's order: each is known by its place.
                Assert.All(demonstrations.EnumerateArray(), line => Assert.False(line.TryGetProperty("title", out _) || line.TryGetProperty("programme", out _)));
                Assert.All(demonstrations.EnumerateArray(), line => Assert.False(line.TryGetProperty("qualifies", out var qualifies) && !qualifies.GetBoolean()));
            }

            foreach (var (list, kept) in new[] { ("issues", new[] { "ruleSet", "rule" }), ("penalties", ["ruleSet", "rule"]), ("incentives", ["ruleSet", "rule", "amount"]) })
            {
                if (details.TryGetProperty(list, out var lines))
                {
                    Assert.All(lines.EnumerateArray(), line => Assert.Equal(kept, line.EnumerateObject().Select(property => property.Name)));
                }
            }
        });
        Assert.Contains(read.Institutions, result => result.Demonstrations.Any(line => line.Title.Length > 0));
        // What was left out was there to leave out.
        Assert.Contains(read.Institutions, result => result.Issues.Count > 0);
        Assert.Contains(read.Institutions, result => result.Penalties.Count > 0);
        Assert.Contains(read.Institutions, result => result.Incentives.Count > 0);
        Assert.Contains(read.Institutions, result => result.Demonstrations.Any(line => line.Qualifies));
        Assert.All(read.Institutions, result => Assert.NotEmpty(result.GradeLabel));
    }

    [Fact]
    public async Task What_differs_from_the_runs_versions_is_stored_and_read_back_as_it_was()
    {
        using var temp = new TempDatabase();
        var database = demo.CopyTo(temp);
        var service = new AssessmentService(database, FixedClock.Default);
        var stored = await service.AssessAsync(2025);
        var penalised = stored.Institutions.First(result => result.Penalties.Count > 0);
        var found = stored.Institutions.First(result => result.Issues.Count > 0 && result.Code != penalised.Code);
        var rewarded = stored.Institutions.First(result => result.Incentives.Count > 0 && result.Code != penalised.Code && result.Code != found.Code);
        var changed = stored.Institutions.Select(result =>
            result.Code == penalised.Code
                ? result with
                {
                    GradeLabel = "另定", Bonus = -0.0, Deducted = -0.0,
                    Penalties =
                    [
                        result.Penalties[0] with { Label = "另定的处罚" },
                        .. result.Penalties.Skip(1).Select(penalty => penalty with { Years = 9 }),
                        result.Penalties[0] with { DeductPoints = -0.0 }, // the rule says 0: a -0 is kept as it is
                    ],
                }
                : result.Code == found.Code
                    ? result with { Issues = [result.Issues[0] with { Message = "另一条说明" }, .. result.Issues.Skip(1)], GradeLabel = "" }
                    : result.Code == rewarded.Code
                        ? result with
                        {
                            Incentives = [result.Incentives[0] with { Unit = "另一单位" }, .. result.Incentives.Skip(1)],
                            Demonstrations = [.. result.Demonstrations.Reverse()], // not the run's order: kept with their programmes
                        }
                        : result).ToArray();

        long id;
        await using (var session = await database.OpenAsync())
        {
            id = await new ResultRepository(session).AddRunAsync(stored.Run with { Id = 0 }, [.. changed, .. stored.Counties]);
        }

        await using (var session = await database.OpenAsync())
        {
            var read = (await new ResultRepository(session).ResultsAsync(id, "institution")).ToDictionary(result => result.Code);
            Assert.All(changed, result => Assert.Equal(Json(result), Json(read[result.Code])));
            Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(read[penalised.Code].Bonus));
            Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(read[penalised.Code].Penalties[^1].DeductPoints));
            var details = await session.Connection.ExecuteScalarAsync<string>(
                "SELECT details FROM assessment_results WHERE run_id = @id AND code = @code", new { id, code = penalised.Code });
            Assert.Contains("另定的处罚", details);
        }
    }

    [Fact]
    public async Task A_result_stored_with_its_items_in_its_details_reads_as_before()
    {
        using var temp = new TempDatabase();
        var database = demo.CopyTo(temp);
        var service = new AssessmentService(database, FixedClock.Default);
        var before = await service.LatestAsync(2025);
        var expected = before!.Institutions.ToDictionary(result => result.Code, Json);

        // As results were stored before item rows existed: the whole result in details, no row.
        await using (var session = await database.OpenAsync())
        {
            foreach (var result in before.Institutions)
            {
                await session.Connection.ExecuteAsync(
                    "UPDATE assessment_results SET details = @details, item_set = NULL, item_points = NULL WHERE run_id = @run AND level = 'institution' AND code = @code",
                    new { details = Json(result), run = before.Run.Id, code = result.Code });
            }
        }

        var after = await service.LatestAsync(2025);
        Assert.All(after!.Institutions, result => Assert.Equal(expected[result.Code], Json(result)));
        Assert.IsNotType<ItemRow>(after.Institutions[0].Items);

        // Such results need no rule-set version to be read (the compact ones need their run's).
        await using (var session = await database.OpenAsync())
        {
            await session.Connection.ExecuteAsync("PRAGMA foreign_keys = OFF; DELETE FROM rule_set_versions WHERE rule_set_id = 'penalties'");
        }

        var withoutVersion = await service.LatestAsync(2025);
        Assert.All(withoutVersion!.Institutions, result => Assert.Equal(expected[result.Code], Json(result)));
    }

    [Fact]
    public async Task A_row_of_points_reads_back_exactly_and_lines_read_from_json_become_a_row_again()
    {
        var set = (await new AssessmentService(demo.Database, FixedClock.Default).InForceAsync(2025)).Single(set => set.Id == "institution-assessment");
        var points = Enumerable.Range(0, set.ScoredItems.Count)
            .Select(column => (column % 4) switch { 0 => double.NaN, 1 => 1.0 / 3 + column, 2 => 0.1 + 0.2, _ => 87.49999999999999 })
            .ToArray();
        var row = new ItemRow(set.ItemLayout, points);

        Assert.Equal(points.Select(BitConverter.DoubleToInt64Bits), ItemRow.ParsePoints(row.PointsJson()).Select(BitConverter.DoubleToInt64Bits));
        Assert.Contains("null", row.PointsJson());

        // A county job's results come back from JSON as plain lists of lines; they are the same row.
        var lines = JsonSerializer.Deserialize<List<ItemLine>>(JsonSerializer.Serialize<IReadOnlyList<ItemLine>>(row, ResultRepository.Json), ResultRepository.Json)!;
        var again = ItemRow.From(set.ItemLayout, lines);
        Assert.NotNull(again);
        Assert.Equal(row.PointsJson(), again.PointsJson());
        Assert.Equal(row.ToArray(), again.ToArray());
        Assert.Null(ItemRow.From(set.ItemLayout, lines.Skip(1).ToList()));
        Assert.Null(ItemRow.From(set.ItemLayout, [lines[1], lines[0], .. lines.Skip(2)]));
        Assert.Throws<ArgumentException>(() => new ItemRow(set.ItemLayout, [1.0]));
    }

    [Fact]
    public void A_version_read_without_compiling_has_the_items_of_the_compiled_set()
    {
        var sets = Directory.GetFiles(Path.Combine(Repository.Root, "rules"), "*.json").Select(RuleSetReader.ReadFile)
            .Where(set => set.ScoredItems.Count > 0).ToArray();
        Assert.Contains(sets, set => set.Kind == RuleSetKind.Scoring);
        Assert.Contains(sets, set => set.Kind == RuleSetKind.Demonstration);
        Assert.All(sets, set =>
        {
            var read = ItemLayout.Read(set.Text);
            Assert.Equal(set.Key, read.Key);
            Assert.Equal(set.ItemLayout.Columns, read.Columns);
            Assert.Equal(set.ScoredItems.Select(rule => rule.Name), read.Columns.Select(column => column.Name));
        });
    }
}
