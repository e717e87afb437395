namespace Assessment.Indicators;

/// <summary>What one institution reported for one year, converted with the factor table in force that year.</summary>
/// <param name="MonthMask">Bit <c>m − 1</c> is set when month <c>m</c> was reported.</param>
public sealed record InstitutionYearData(string Code, int Year, IndicatorBasis Basis, int MonthsReported, int MonthMask, string FactorTable);
