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
}
