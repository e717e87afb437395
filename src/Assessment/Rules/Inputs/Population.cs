namespace Assessment.Rules.Inputs;

/// <summary><c>p</c>: the subject's population this year, and <see cref="Last"/> for the previous year.</summary>
public sealed class Population
{
    public Distribution EnergyPerArea { get; set; } = new();
    public Distribution EnergyPerCapita { get; set; } = new();
    public Distribution WaterPerCapita { get; set; } = new();
    public Distribution Co2PerArea { get; set; } = new();

    private Population? _last;

    /// <summary>The same population in the previous year (its members' values, the subject's own); empty when unknown.</summary>
    public Population Last
    {
        get => _last ??= new Population();
        set => _last = value;
    }
}
