namespace Assessment.Domain;

/// <summary>
/// One institution's reported consumption for one month, in the units of the national statistics form.
/// <see cref="DieselL"/> excludes official vehicles; <see cref="PvKwh"/> is self-generated and informational.
/// </summary>
public sealed record MonthlyConsumption(
    string Code,
    int Year,
    int Month,
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
    /// <summary>The quantities without the key, in a fixed order; two records report the same values when these are equal.</summary>
    public ConsumptionQuantities Quantities => new(
        ElectricityKwh, WaterM3, NaturalGasM3, CoalT, HeatGj, LpgKg, DieselL, VehicleGasolineL, VehicleDieselL, PvKwh, OtherKgce);
}
