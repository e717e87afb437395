namespace Assessment.Demo;

/// <summary>What the demo wrote.</summary>
/// <param name="YearsAssessed">The years assessed with the shipped rule sets, when they were given.</param>
public sealed record DemoResult(int Counties, int Institutions, int InstitutionYears, int MonthlyRows, int Quotas, int Targets, IReadOnlyList<int> YearsAssessed);
