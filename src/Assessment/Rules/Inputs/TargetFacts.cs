namespace Assessment.Rules.Inputs;

/// <summary><c>t</c>: the five-year plan in force for the subject (its own, its county's, or the prefecture's).</summary>
public sealed class TargetFacts
{
    public bool Has { get; set; }
    public int BaselineYear { get; set; }
    public int TargetYear { get; set; }
    public TargetLine EnergyPerArea { get; set; } = new();
    public TargetLine EnergyPerCapita { get; set; } = new();
    public TargetLine WaterPerCapita { get; set; } = new();
    public TargetLine Co2PerArea { get; set; } = new();

    /// <summary>Caps on totals (双控); NaN where not set.</summary>
    public double EnergyCapTce { get; set; } = double.NaN;
    public double WaterCapM3 { get; set; } = double.NaN;
    public double Co2CapTonnes { get; set; } = double.NaN;
}
