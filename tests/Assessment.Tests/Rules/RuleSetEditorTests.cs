using Assessment.Rules;
using Assessment.Tests.Support;

namespace Assessment.Tests.Rules;

/// <summary>The form edits of a scoring rule set: points kept in step with expressions and groups, examples re-based on request.</summary>
public sealed class RuleSetEditorTests
{
    private static readonly string Shipped = File.ReadAllText(Path.Combine(Repository.Root, "rules", "institution-assessment.json"));

    [Fact]
    public void The_items_with_points_are_listed_groups_first_and_pattern_items_are_editable()
    {
        var items = RuleSetEditor.Items(Shipped);

        var quota = items.Single(item => item.Rule == "quota");
        var area = items.Single(item => item.Rule == "quota-energy-per-area");
        Assert.Equal((15.0, true, null), (quota.Points, quota.IsGroup, quota.Group));
        Assert.Equal((8.0, "quota", true), (area.Points, area.Group, area.Editable));
        Assert.True(items.ToList().IndexOf(quota) < items.ToList().IndexOf(area));
        Assert.False(items.Single(item => item.Rule == "retrofit").Editable); // a checklist item: its reviewed points are on the checklist's scale
        Assert.Throws<ArgumentException>(() => RuleSetEditor.WithPoints(Shipped, new Dictionary<string, double> { ["retrofit"] = 10 }));
    }

    [Fact]
    public void Moving_points_between_items_updates_expressions_and_the_group_and_keeps_the_total()
    {
        var draft = RuleSetEditor.WithPoints(Shipped, new Dictionary<string, double> { ["quota-energy-per-area"] = 9, ["quota-water-per-capita"] = 2 });

        var items = RuleSetEditor.Items(draft);
        Assert.Equal(9, items.Single(item => item.Rule == "quota-energy-per-area").Points);
        Assert.Equal(15, items.Single(item => item.Rule == "quota").Points);
        Assert.Contains("q.EnergyPerArea.Constraint, 9)", draft, StringComparison.Ordinal);
        Assert.Contains("q.WaterPerCapita.Constraint, 2)", draft, StringComparison.Ordinal);

        // The examples that scored the moved points now differ: the check says so, naming the example and the item.
        var check = RuleSetValidation.CheckText(draft, "draft");
        Assert.Contains(check.Problems, problem => problem.Contains("quota-energy-per-area", StringComparison.Ordinal));

        // Once the author takes the draft's results as the examples' expectations, every check passes.
        var accepted = RuleSetEditor.WithExamplesAccepted(draft, "draft");
        Assert.True(RuleSetValidation.CheckText(accepted, "draft").Passed, string.Join("\n", RuleSetValidation.CheckText(accepted, "draft").Problems));
    }

    [Fact]
    public void Points_that_break_the_total_are_written_and_then_refused_by_the_check()
    {
        var draft = RuleSetEditor.WithPoints(Shipped, new Dictionary<string, double> { ["quota-energy-per-area"] = 10 });

        Assert.Equal(17, RuleSetEditor.Items(draft).Single(item => item.Rule == "quota").Points);
        var check = RuleSetValidation.CheckText(draft, "draft");
        Assert.Contains(check.Problems, problem => problem.Contains("100", StringComparison.Ordinal) && problem.Contains("102", StringComparison.Ordinal));
        Assert.Throws<RuleSetException>(() => RuleSetEditor.WithExamplesAccepted(draft, "draft")); // a draft that does not compile has no results to take
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void Points_that_are_not_a_number_of_points_are_refused(double points)
    {
        var error = Assert.Throws<ArgumentException>(() => RuleSetEditor.WithPoints(Shipped, new Dictionary<string, double> { ["quota-energy-per-area"] = points }));

        Assert.Contains("quota-energy-per-area", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Common_items_are_read_as_patterns_and_rewritten_from_them()
    {
        var items = RuleSetEditor.Items(Shipped);
        Assert.Equal(new RuleSetEditor.Pattern(RuleSetEditor.Method.QuotaLinear, "EnergyPerArea", null, null, 8),
            items.Single(item => item.Rule == "quota-energy-per-area").Pattern);
        Assert.Contains(items, item => item.Pattern is { Method: RuleSetEditor.Method.TargetCompletion, Indicator: "Co2PerArea" });
        Assert.Null(items.Single(item => item.Rule == "retrofit").Pattern);

        var draft = RuleSetEditor.WithPatterns(Shipped, new Dictionary<string, RuleSetEditor.Pattern>
        {
            ["quota-energy-per-area"] = new(RuleSetEditor.Method.QuotaLinear, "EnergyPerArea", 20, 40, 8),
        });

        Assert.Contains("Score.Linear(i.EnergyPerArea, 20, 40, 8)", draft, StringComparison.Ordinal);
        Assert.Equal(new RuleSetEditor.Pattern(RuleSetEditor.Method.QuotaLinear, "EnergyPerArea", 20, 40, 8),
            RuleSetEditor.Items(draft).Single(item => item.Rule == "quota-energy-per-area").Pattern);
        Assert.True(RuleSetValidation.CheckText(RuleSetEditor.WithExamplesAccepted(draft, "draft"), "draft").Passed);
    }

    [Theory]
    [InlineData("Golf", null, null)]
    [InlineData("EnergyPerArea", 40.0, 20.0)]
    [InlineData("EnergyPerArea", 20.0, null)]
    public void A_pattern_that_cannot_score_is_refused_naming_the_item(string indicator, double? guide, double? constraint)
    {
        var error = Assert.Throws<ArgumentException>(() => RuleSetEditor.WithPatterns(Shipped, new Dictionary<string, RuleSetEditor.Pattern>
        {
            ["quota-energy-per-area"] = new(RuleSetEditor.Method.QuotaLinear, indicator, guide, constraint, 8),
        }));

        Assert.Contains("quota-energy-per-area", error.Message, StringComparison.Ordinal);
    }
}
