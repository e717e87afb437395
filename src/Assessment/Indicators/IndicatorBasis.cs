namespace Assessment.Indicators;

/// <summary>
/// What the intensities of an institution or a group are computed from: summed totals, building area and users.
/// Groups add their members' bases and divide once, so an aggregate is a ratio of sums, never a mean of ratios.
/// </summary>
public sealed record IndicatorBasis(EnergyTotals Totals, double BuildingAreaM2, long Users)
{
    /// <summary>An empty group.</summary>
    public static IndicatorBasis Zero { get; } = new(EnergyTotals.Zero, 0, 0);

    /// <summary>The basis of two members together.</summary>
    public static IndicatorBasis operator +(IndicatorBasis a, IndicatorBasis b) =>
        new(a.Totals + b.Totals, a.BuildingAreaM2 + b.BuildingAreaM2, a.Users + b.Users);
}
