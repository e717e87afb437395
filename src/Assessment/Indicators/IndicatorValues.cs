namespace Assessment.Indicators;

/// <summary>
/// The indicators of DOMAIN.md §2 for an institution or a group and one period.
/// Per-capita energy includes official-vehicle fuel; per-area energy and per-area CO₂ exclude it.
/// A ratio is null where its denominator is zero.
/// </summary>
public sealed record IndicatorValues(
    double EnergyKgce,
    double VehicleFuelKgce,
    double? EnergyPerCapita,
    double? EnergyPerArea,
    double WaterM3,
    double? WaterPerCapita,
    double Co2DirectTonnes,
    double Co2IndirectTonnes,
    double Co2Tonnes,
    double? Co2PerArea,
    double BuildingAreaM2,
    long Users,
    double PvKwh)
{
    private const double KgPerTonne = 1000;

    /// <summary>Computes the indicators of <paramref name="basis"/>.</summary>
    public static IndicatorValues From(IndicatorBasis basis)
    {
        var t = basis.Totals;
        return new IndicatorValues(
            EnergyKgce: t.EnergyKgce,
            VehicleFuelKgce: t.VehicleFuelKgce,
            EnergyPerCapita: Ratio(t.EnergyKgce, basis.Users),
            EnergyPerArea: Ratio(t.BuildingEnergyKgce, basis.BuildingAreaM2),
            WaterM3: t.WaterM3,
            WaterPerCapita: Ratio(t.WaterM3, basis.Users),
            Co2DirectTonnes: t.Co2DirectKg / KgPerTonne,
            Co2IndirectTonnes: t.Co2IndirectKg / KgPerTonne,
            Co2Tonnes: t.Co2Kg / KgPerTonne,
            Co2PerArea: Ratio(t.BuildingCo2Kg, basis.BuildingAreaM2),
            BuildingAreaM2: basis.BuildingAreaM2,
            Users: basis.Users,
            PvKwh: t.PvKwh);
    }

    private static double? Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : null;
}
