namespace Assessment.Indicators;

/// <summary>
/// Consumption of one institution (or a group) over a period converted to standard coal and CO₂ with one factor table.
/// Totals add up, so a group's totals are the sum of its members'.
/// </summary>
public sealed record EnergyTotals(
    double EnergyKgce,
    double VehicleFuelKgce,
    double WaterM3,
    double Co2DirectKg,
    double Co2IndirectKg,
    double VehicleCo2Kg,
    double PvKwh)
{
    /// <summary>Nothing consumed.</summary>
    public static EnergyTotals Zero { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>Total CO₂, direct plus indirect, in kg.</summary>
    public double Co2Kg => Co2DirectKg + Co2IndirectKg;

    /// <summary>Energy used by buildings: everything but official-vehicle fuel.</summary>
    public double BuildingEnergyKgce => EnergyKgce - VehicleFuelKgce;

    /// <summary>CO₂ of buildings: everything but official-vehicle fuel.</summary>
    public double BuildingCo2Kg => Co2Kg - VehicleCo2Kg;

    /// <summary>The sum of two totals.</summary>
    public static EnergyTotals operator +(EnergyTotals a, EnergyTotals b) => new(
        a.EnergyKgce + b.EnergyKgce,
        a.VehicleFuelKgce + b.VehicleFuelKgce,
        a.WaterM3 + b.WaterM3,
        a.Co2DirectKg + b.Co2DirectKg,
        a.Co2IndirectKg + b.Co2IndirectKg,
        a.VehicleCo2Kg + b.VehicleCo2Kg,
        a.PvKwh + b.PvKwh);
}
