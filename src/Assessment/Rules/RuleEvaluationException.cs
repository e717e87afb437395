namespace Assessment.Rules;

/// <summary>A rule that failed while it ran, for one subject: never turned into a silent zero.</summary>
public sealed class RuleEvaluationException(string ruleSet, string rule, string subject, string message, Exception? inner = null)
    : Exception(string.Format(Resources.Strings.RuleFailed, ruleSet, rule, subject, message), inner)
{
    public string RuleSet { get; } = ruleSet;
    public string Rule { get; } = rule;
    public string Subject { get; } = subject;
}
