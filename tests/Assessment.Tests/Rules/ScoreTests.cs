using Assessment.Rules;
using Assessment.Rules.Inputs;

namespace Assessment.Tests.Rules;

/// <summary>The scoring helpers, against values worked out by hand.</summary>
public sealed class ScoreTests
{
    [Theory]
    [InlineData(20, 20)] // below the guide value: full points
    [InlineData(25, 20)] // at the guide value: full points
    [InlineData(30, 15)] // a quarter of the way to the constraint: 20 × (45 − 30) / (45 − 25)
    [InlineData(40, 5)] // 20 × 5 / 20
    [InlineData(45, 0)] // at the constraint value: nothing
    [InlineData(50, 0)] // above it: nothing
    public void Linear_gives_full_points_at_the_guide_and_none_at_the_constraint(double value, double expected) =>
        Assert.Equal(expected, Score.Linear(value, 25, 45, 20), 9);

    [Fact]
    public void Linear_may_fall_to_a_floor_instead_of_zero()
    {
        Assert.Equal(4 + 16 * 0.5, Score.Linear(35, 25, 45, 20, 4), 9);
        Assert.Equal(4, Score.Linear(45, 25, 45, 20, 4), 9);
        Assert.Equal(0, Score.Linear(46, 25, 45, 20, 4), 9);
    }

    [Theory]
    [InlineData(0.04, 0.04, 8)] // done: full
    [InlineData(0.02, 0.04, 4)] // half done: half
    [InlineData(0.06, 0.04, 8)] // over-done: still full (the bonus is its own item)
    [InlineData(-0.01, 0.04, 0)] // rose: nothing
    [InlineData(0.0, 0.0, 8)] // no decline asked, none made: done
    [InlineData(-0.01, 0.0, 0)] // no decline asked, but it rose
    public void Completion_is_in_proportion_to_the_completion_rate(double actual, double target, double expected) =>
        Assert.Equal(expected, Score.Completion(actual, target, 8), 9);

    [Theory]
    [InlineData(0.04, 0.04, 0)] // exactly 100 %: no bonus
    [InlineData(0.0439, 0.04, 0)] // 109.75 %: not yet a full 10 %
    [InlineData(0.044, 0.04, 1)] // 110 %: one point
    [InlineData(0.05, 0.04, 2)] // 125 %: two points
    [InlineData(0.08, 0.04, 5)] // 200 %: ten steps, capped at 5
    public void Over_completion_earns_a_point_per_ten_percent_up_to_a_cap(double actual, double target, double expected) =>
        Assert.Equal(expected, Score.OverCompletion(actual, target, 0.1, 1, 5), 9);

    [Theory]
    [InlineData(0.85, 7)]
    [InlineData(0.9, 7)] // <= is inclusive
    [InlineData(0.95, 6)]
    [InlineData(1.0, 6)]
    [InlineData(1.15, 4)]
    [InlineData(1.21, 0)]
    public void Bands_give_the_points_of_the_first_band_that_holds(double ratio, double expected) =>
        Assert.Equal(expected, Score.Bands(ratio, "<=0.9:7; <=1.0:6; <=1.1:5; <=1.2:4; else:0"));

    [Fact]
    public void Which_side_of_a_boundary_is_inclusive_is_written_in_the_band()
    {
        Assert.Equal(7, Score.Bands(0.9, "<=0.9:7; else:0"));
        Assert.Equal(0, Score.Bands(0.9, "<0.9:7; else:0"));
        Assert.Equal(3, Score.Bands(12, ">=10:3; >5:1"));
    }

    [Theory]
    [InlineData("0.9:7")]
    [InlineData("<=abc:7")]
    [InlineData("<=0.9")]
    [InlineData(" ; ")]
    public void A_malformed_band_is_refused(string spec) => Assert.Throws<FormatException>(() => Score.CheckBands(spec));

    [Fact]
    public void Checklist_items_give_the_reviewed_points_within_their_maximum()
    {
        var m = new Checklist { Items = { ["audit"] = new(4.5), ["sorting"] = new(9), ["canteen"] = new(0, NotApplicable: true) } };

        Assert.Equal(4.5, Score.Checklist(m, "audit", 6));
        Assert.Equal(6, Score.Checklist(m, "sorting", 6)); // more than the maximum is capped
        Assert.Equal(0, Score.Checklist(m, "missing", 6));
        Assert.True(m.NotApplicable("canteen"));
        Assert.False(m.NotApplicable("audit"));
    }

    [Fact]
    public void Increments_and_decrements_stop_at_their_cap_and_floor()
    {
        Assert.Equal(3, Score.Increment(3, 1, 5));
        Assert.Equal(5, Score.Increment(8, 1, 5));
        Assert.Equal(6, Score.Decrement(10, 2, 2, 0));
        Assert.Equal(0, Score.Decrement(10, 7, 2, 0));
    }

    [Fact]
    public void Unknown_values_score_nothing_and_can_be_tested()
    {
        Assert.Equal(0, Score.Linear(double.NaN, 25, 45, 20));
        Assert.Equal(0, Score.Completion(double.NaN, 0.04, 8));
        Assert.Equal(0, Score.Bands(double.NaN, "<=1:7; else:3"));
        Assert.False(Score.Known(double.NaN));
        Assert.Equal(5, Score.Or(double.NaN, 5));
        Assert.True(double.IsNaN(Score.Ratio(1, 0)));
    }

    [Fact]
    public void A_distribution_ranks_the_lowest_first_and_ties_share_a_rank()
    {
        var d = new Distribution { Values = [30, 10, 20, 20, double.NaN, 40], Subject = 20 };

        Assert.Equal([10.0, 20, 20, 30, 40], d.Values);
        Assert.Equal(5, d.Count);
        Assert.Equal(2, d.Rank);
        Assert.Equal(0.25, d.PercentRank);
        Assert.Equal(20, d.Median);
        Assert.Equal(36, d.Percentile(0.9), 9); // position 0.9 × 4 = 3.6: 30 + 0.6 × 10
        Assert.Equal(24, d.Mean);
    }

    [Fact]
    public void A_distributions_values_are_sorted_as_the_stable_sort_sorts_them_bit_for_bit()
    {
        // Unknown values (null from an indicator, NaN) are left out; -0 and 0 keep the order they came in, as LINQ's
        // stable sort keeps them.
        double?[][] cases =
        [
            [3.5, null, 1.25, double.NaN, 2, 1.25, 0],
            [0, -0.0, 2, -0.0, 0, -1],
            [-0.0, 0],
        ];
        foreach (var values in cases)
        {
            var stable = values.OfType<double>().Where(value => !double.IsNaN(value)).Order().Select(BitConverter.DoubleToInt64Bits).ToArray();
            Assert.Equal(stable, Distribution.SortedKnown(values.Select(value => value ?? double.NaN)).Select(BitConverter.DoubleToInt64Bits));
            Assert.Equal(stable, new Distribution { Values = [.. values.OfType<double>()] }.Values.Select(BitConverter.DoubleToInt64Bits));
        }
    }

    [Fact]
    public void A_distribution_left_out_or_given_in_part_knows_nothing_more()
    {
        // A value in each population (no object of its own): one made with new(), or read from an example that gives
        // only some members, has no values and unknown aggregate and subject where not given.
        var empty = new Population().EnergyPerCapita;
        Assert.Equal((0, 0), (empty.Count, empty.Rank));
        Assert.True(double.IsNaN(empty.Aggregate) && double.IsNaN(empty.Subject) && double.IsNaN(empty.Median));

        var read = System.Text.Json.JsonSerializer.Deserialize<Population>("""{ "energyPerArea": { "values": [22, 15, 18], "subject": 18 } }""",
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        Assert.Equal([15.0, 18, 22], read.EnergyPerArea.Values);
        Assert.Equal(2, read.EnergyPerArea.Rank);
        Assert.True(double.IsNaN(read.EnergyPerArea.Aggregate));
        Assert.True(double.IsNaN(read.WaterPerCapita.Subject));
    }

    [Fact]
    public void Quota_zones_name_where_a_value_lies()
    {
        var zone = new QuotaZone { Guide = 6.5, Baseline = 11.9, Constraint = 20 };

        Assert.Equal(["guide", "baseline", "constraint", "over", ""], new[] { 6.5, 10, 15, 21, double.NaN }.Select(zone.Zone));
    }

    [Fact]
    public void A_plan_spreads_its_decline_evenly_over_its_years()
    {
        var plan = new Assessment.Domain.TargetPlan(Assessment.Domain.TargetScope.County, "x", 2020, 2025, 0.05, null, null, null, null, null, null, null);
        var row = new Assessment.Indicators.IndicatorRow("county", "x", "x", null, null, null, 2022, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            new Assessment.Indicators.IndicatorChanges(2020, null, null, -0.03, null, null, null, null), null, 12, 12, [], 1, 0, null);

        var facts = Assessment.Assessing.FactsBuilder.Targets(plan, row, 2022);

        Assert.Equal(1 - Math.Pow(0.95, 2.0 / 5), facts.EnergyPerArea.Target, 12); // 2.03 % due after two of five years
        Assert.Equal(0.03, facts.EnergyPerArea.Actual, 12);
        Assert.Equal(0.03 / (1 - Math.Pow(0.95, 0.4)), facts.EnergyPerArea.Completion, 12);
        Assert.True(double.IsNaN(facts.EnergyPerCapita.Target));
    }
}
