namespace Assessment.Rules.Inputs;

/// <summary><c>q</c>: the quotas of the institution's category in force for the year.</summary>
public sealed class QuotaFacts
{
    /// <summary>Whether the category has any quota for the year.</summary>
    public bool Has { get; set; }

    public QuotaZone EnergyPerCapita { get; set; } = new();
    public QuotaZone EnergyPerArea { get; set; } = new();
    public QuotaZone WaterPerCapita { get; set; } = new();
}
