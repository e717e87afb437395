namespace Assessment.Domain;

/// <summary>One institution's reported consumption for one month, in the units of the national statistics form.</summary>
public sealed record MonthlyConsumption(string Code, int Year, int Month, ConsumptionQuantities Quantities);
