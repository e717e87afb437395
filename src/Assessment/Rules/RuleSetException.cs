namespace Assessment.Rules;

/// <summary>A rule set that cannot be used: every problem found, each naming the file, the rule and what is wrong.</summary>
public sealed class RuleSetException(IReadOnlyList<string> problems) : Exception(string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
