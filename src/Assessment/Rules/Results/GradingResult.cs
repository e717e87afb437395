namespace Assessment.Rules.Results;

/// <summary>The grade of one subject: the band its score falls in, or the grade a veto forced.</summary>
public sealed record GradingResult(string RuleSet, string Grade, string Label, string LabelEn, bool Vetoed, IReadOnlyList<string> Vetoes);
