namespace Assessment.Domain;

/// <summary>Quantities of each energy and of water, for a month or summed over a period.</summary>
public sealed record ConsumptionQuantities(
    double ElectricityKwh,
    double WaterM3,
    double NaturalGasM3,
    double CoalT,
    double HeatGj,
    double LpgKg,
    double DieselL,
    double VehicleGasolineL,
    double VehicleDieselL,
    double PvKwh,
    double OtherKgce)
{
    /// <summary>Nothing consumed.</summary>
    public static ConsumptionQuantities Zero { get; } = new(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /// <summary>The sum of two periods.</summary>
    public static ConsumptionQuantities operator +(ConsumptionQuantities a, ConsumptionQuantities b) => new(
        a.ElectricityKwh + b.ElectricityKwh,
        a.WaterM3 + b.WaterM3,
        a.NaturalGasM3 + b.NaturalGasM3,
        a.CoalT + b.CoalT,
        a.HeatGj + b.HeatGj,
        a.LpgKg + b.LpgKg,
        a.DieselL + b.DieselL,
        a.VehicleGasolineL + b.VehicleGasolineL,
        a.VehicleDieselL + b.VehicleDieselL,
        a.PvKwh + b.PvKwh,
        a.OtherKgce + b.OtherKgce);
}
