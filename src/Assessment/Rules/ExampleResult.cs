namespace Assessment.Rules;

/// <summary>The outcome of one example: what the rule set gave, and every way it differs from what was expected.</summary>
public sealed record ExampleResult(string RuleSet, string Example, string Actual, IReadOnlyList<string> Differences)
{
    public bool Passed => Differences.Count == 0;
}
