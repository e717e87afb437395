namespace Assessment.Rules.Results;

/// <summary>Whether one subject qualifies for a demonstration or leader programme, and if not, why.</summary>
public sealed record DemonstrationResult(string Programme, string Title, string TitleEn, bool Qualifies, ScoringResult? Score, IReadOnlyList<string> Failed);
