namespace Assessment.Rules.Results;

/// <summary>
/// How one rule decided for one subject: whether its condition held, what it output, and the value of every input it
/// read (a per-rule trace, the model for "explain every point").
/// </summary>
public sealed record RuleTrace(string RuleSet, RuleSetKind Kind, string Rule, string? Group, string Label, string LabelEn, bool? Holds, double? Output,
    IReadOnlyList<TracedInput> Inputs);

/// <summary>One input a rule read, and its value for the subject.</summary>
public sealed record TracedInput(string Path, object? Value);
