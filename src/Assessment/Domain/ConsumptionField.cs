namespace Assessment.Domain;

/// <summary>One quantity of the monthly consumption form: its column name in files and in the database, and its unit.</summary>
public sealed record ConsumptionField(string Name, string Unit, Func<ConsumptionQuantities, double> Get);
