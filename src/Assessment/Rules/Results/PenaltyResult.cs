namespace Assessment.Rules.Results;

/// <summary>A penalty triggered for one subject: the action, its severity, and its terms.</summary>
public sealed record PenaltyResult(string RuleSet, string Rule, string Label, string LabelEn, string Action, int Severity, int? Years, int? DeadlineDays, double DeductPoints);
