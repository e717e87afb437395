using Assessment.Rules;
using Assessment.Tests.Support;

namespace Assessment.Tests.Rules;

/// <summary>Every rule set shipped under rules/ passes every check and every example it carries.</summary>
public sealed class ShippedRuleSetTests
{
    public static TheoryData<string> Files() => new(Directory.GetFiles(Path.Combine(Repository.Root, "rules"), "*.json").Select(Path.GetFileName).OfType<string>());

    [Theory]
    [MemberData(nameof(Files))]
    public void The_rule_set_checks_and_its_examples_pass(string file)
    {
        var result = RuleSetValidation.Check(Path.Combine(Repository.Root, "rules", file)).Single();

        Assert.True(result.Passed, string.Join(Environment.NewLine, result.Problems));
        Assert.NotEmpty(result.Examples);
        Assert.All(result.Examples, example => Assert.True(example.Passed, example.Actual));
    }

    [Fact]
    public void Every_kind_of_the_issue_is_shipped()
    {
        var sets = RuleSetReader.ReadDirectory(Path.Combine(Repository.Root, "rules"));

        Assert.Contains(sets, set => set is { Kind: RuleSetKind.Scoring, Level: RuleSetLevel.Institution, Document.TotalPoints: 100 });
        Assert.Contains(sets, set => set is { Kind: RuleSetKind.Grading, Level: RuleSetLevel.Institution });
        Assert.Contains(sets, set => set is { Kind: RuleSetKind.Demonstration, Document: { TotalPoints: 100, BonusPoints: 10, Qualify.MinScore: 85 } });
        Assert.Contains(sets, set => set.Kind == RuleSetKind.Demonstration && set.Rules.All(rule => rule.Properties.Mandatory)); // leader selection
        Assert.Contains(sets, set => set.Kind == RuleSetKind.Penalty);
        Assert.Contains(sets, set => set.Kind == RuleSetKind.Incentive);
        Assert.Contains(sets, set => set.Kind == RuleSetKind.DataQuality);
        Assert.Contains(sets, set => set is { Kind: RuleSetKind.Scoring, Level: RuleSetLevel.County });
        Assert.All(sets, set => Assert.All(set.AllRules, rule => Assert.False(string.IsNullOrWhiteSpace(rule.Properties.Label))));
    }
}
