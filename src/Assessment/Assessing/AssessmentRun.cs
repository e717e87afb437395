namespace Assessment.Assessing;

/// <summary>A stored assessment of a year: the versions it used and when.</summary>
public sealed record AssessmentRun(long Id, int Year, IReadOnlyList<string> RuleSets, IReadOnlyList<string> FactorTables, int Institutions, int Counties,
    DateTime StartedAt, DateTime FinishedAt, string? Note);
