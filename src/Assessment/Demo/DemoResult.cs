namespace Assessment.Demo;

/// <summary>What the demo wrote.</summary>
public sealed record DemoResult(int Counties, int Institutions, int InstitutionYears, int MonthlyRows, int Quotas, int Targets);
