namespace Assessment.Indicators;

/// <summary>
/// Change of each indicator against a reference year: value ÷ reference − 1, so −0.05 is a 5 % decline (下降率).
/// Null where either year has no value or the reference is zero.
/// </summary>
public sealed record IndicatorChanges(
    int ReferenceYear,
    double? EnergyKgce,
    double? EnergyPerCapita,
    double? EnergyPerArea,
    double? WaterM3,
    double? WaterPerCapita,
    double? Co2Tonnes,
    double? Co2PerArea)
{
    /// <summary>The changes of <paramref name="current"/> against <paramref name="reference"/>.</summary>
    public static IndicatorChanges Between(IndicatorValues current, IndicatorValues reference, int referenceYear) => new(
        referenceYear,
        Change(current.EnergyKgce, reference.EnergyKgce),
        Change(current.EnergyPerCapita, reference.EnergyPerCapita),
        Change(current.EnergyPerArea, reference.EnergyPerArea),
        Change(current.WaterM3, reference.WaterM3),
        Change(current.WaterPerCapita, reference.WaterPerCapita),
        Change(current.Co2Tonnes, reference.Co2Tonnes),
        Change(current.Co2PerArea, reference.Co2PerArea));

    private static double? Change(double? value, double? reference) =>
        value is { } v && reference is { } r && r != 0 ? v / r - 1 : null;
}
