namespace Assessment.Indicators;

/// <summary>One coefficient with its unit and where it comes from.</summary>
public sealed record FactorValue(double Value, string Unit, string Source);
