namespace Assessment.Rules.Inputs;

/// <summary>
/// Changes of a subject's indicators against a reference year, as fractions (−0.05 is a 5 % decline).
/// Unknown values are NaN: a comparison with NaN is false and the scoring helpers give NaN no points.
/// </summary>
public sealed class IndicatorChangeFacts
{
    public int ReferenceYear { get; set; }
    public double EnergyKgce { get; set; } = double.NaN;
    public double EnergyPerCapita { get; set; } = double.NaN;
    public double EnergyPerArea { get; set; } = double.NaN;
    public double WaterM3 { get; set; } = double.NaN;
    public double WaterPerCapita { get; set; } = double.NaN;
    public double Co2Tonnes { get; set; } = double.NaN;
    public double Co2PerArea { get; set; } = double.NaN;
}
