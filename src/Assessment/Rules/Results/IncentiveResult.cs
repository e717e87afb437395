namespace Assessment.Rules.Results;

/// <summary>An incentive earned by one subject, with its amount.</summary>
public sealed record IncentiveResult(string RuleSet, string Rule, string Label, string LabelEn, string Type, double Amount, string Unit);
