using Assessment.Domain;

namespace Assessment.Data;

/// <summary>One institution's consumption summed over the months it reported in a year.</summary>
/// <param name="MonthMask">Bit <c>m − 1</c> is set when month <c>m</c> was reported.</param>
public sealed record InstitutionYearSums(string Code, int Year, int MonthsReported, int MonthMask, ConsumptionQuantities Quantities);
