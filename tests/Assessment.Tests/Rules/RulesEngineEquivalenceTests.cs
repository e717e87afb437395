using Assessment.Rules;
using Assessment.Tests.Support;
using RulesEngine.Models;

namespace Assessment.Tests.Rules;

/// <summary>
/// The project's compiled path means what Microsoft RulesEngine means: the shipped scoring sets' examples are run through
/// plain RulesEngine (same workflow, same custom types) and every rule's condition and output must agree.
/// </summary>
public sealed class RulesEngineEquivalenceTests
{
    public static TheoryData<string> ScoringFiles() => new(["institution-assessment.json", "county-assessment.json", "demonstration-unit.json"]);

    [Theory]
    [MemberData(nameof(ScoringFiles))]
    public async Task Plain_rules_engine_gives_the_same_points_for_every_example(string file)
    {
        var set = RuleSetReader.ReadFile(Path.Combine(Repository.Root, "rules", file));
        var engine = new RulesEngine.RulesEngine([set.Document.Workflow], new ReSettings { CustomTypes = [typeof(Score), .. RuleInputs.Types] });

        var compared = 0;
        foreach (var example in set.Document.Examples)
        {
            var inputs = ExampleRunner.Inputs(set, example);
            var ours = RuleSetEvaluator.Score(set, inputs, example.Name).AllItems.ToDictionary(item => item.Rule);
            var parameters = set.Layout.Select(slot => new RuleParameter(slot.Name, slot.Get(inputs))).ToArray();

            var theirs = await engine.ExecuteAllRulesAsync(set.Document.Workflow.WorkflowName, parameters);

            foreach (var leaf in theirs.SelectMany(result => result.ChildResults?.Any() == true ? result.ChildResults : [result]))
            {
                Assert.True(string.IsNullOrEmpty(leaf.ExceptionMessage), $"{example.Name} / {leaf.Rule.RuleName}: {leaf.ExceptionMessage}");
                if (!ours.TryGetValue(leaf.Rule.RuleName, out var item) || leaf.Rule.Properties?.ContainsKey("mandatory") == true)
                {
                    continue;
                }

                Assert.Equal(item.Applies, leaf.IsSuccess);
                if (leaf.IsSuccess)
                {
                    Assert.Null(leaf.ActionResult?.Exception);
                    Assert.Equal(item.Points, Convert.ToDouble(leaf.ActionResult?.Output), 9);
                    compared++;
                }
            }
        }

        Assert.True(compared > set.Document.Examples.Count, $"only {compared} outputs were compared");
    }

    [Theory]
    [MemberData(nameof(ScoringFiles))]
    public void The_flat_row_holds_every_item_and_gives_the_itemised_result(string file)
    {
        var set = RuleSetReader.ReadFile(Path.Combine(Repository.Root, "rules", file));
        var notApplicable = 0;
        foreach (var example in set.Document.Examples)
        {
            var inputs = ExampleRunner.Inputs(set, example);
            var row = new double[set.ScoredItems.Count];
            var score = RuleSetEvaluator.ScoreInto(set, inputs, example.Name, row);
            var itemised = RuleSetEvaluator.Score(set, inputs, example.Name);

            Assert.Equal(itemised.Score, score, 12);
            Assert.Equal(set.ScoredItems.Select(rule => rule.Name), itemised.AllItems.Select(item => item.Rule));
            foreach (var (item, column) in itemised.AllItems.Select((item, column) => (item, column)))
            {
                Assert.Equal(item.Applies, !double.IsNaN(row[column]));
                Assert.Equal(item.Points, item.Applies ? row[column] : 0, 12);
                notApplicable += item.Applies ? 0 : 1;
            }

            Assert.Equal(itemised, RuleSetEvaluator.Expand(set, row), new ScoringComparer());
        }

        Assert.Throws<ArgumentException>(() => RuleSetEvaluator.ScoreInto(set, ExampleRunner.Inputs(set, set.Document.Examples[0]), "x", new double[1]));
        if (file == "institution-assessment.json")
        {
            Assert.True(notApplicable > 0, "no example leaves an item out");
        }
    }

    // Records holding lists compare the lists by reference: compare what they print instead.
    private sealed class ScoringComparer : IEqualityComparer<Assessment.Rules.Results.ScoringResult>
    {
        public bool Equals(Assessment.Rules.Results.ScoringResult? x, Assessment.Rules.Results.ScoringResult? y) =>
            System.Text.Json.JsonSerializer.Serialize(x) == System.Text.Json.JsonSerializer.Serialize(y);

        public int GetHashCode(Assessment.Rules.Results.ScoringResult obj) => 0;
    }
}
