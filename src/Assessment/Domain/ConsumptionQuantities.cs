namespace Assessment.Domain;

/// <summary>
/// Quantities of each energy and of water, for a month or summed over a period. <see cref="DieselL"/> excludes official
/// vehicles; <see cref="PvKwh"/> is self-generated and informational.
/// </summary>
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
    double OtherKgce);
