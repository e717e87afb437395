namespace Assessment.Rules.Inputs;

/// <summary>One item of the self-assessment checklist: the points the reviewer confirmed, or that it does not apply.</summary>
public sealed record ChecklistEntry(double Points, bool NotApplicable = false);
