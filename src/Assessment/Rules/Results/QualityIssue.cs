namespace Assessment.Rules.Results;

/// <summary>A data-quality finding for one subject.</summary>
public sealed record QualityIssue(string RuleSet, string Rule, string Label, string LabelEn, string Level, string Message, string MessageEn);
