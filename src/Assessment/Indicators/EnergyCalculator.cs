using Assessment.Domain;

namespace Assessment.Indicators;

/// <summary>
/// Converts reported quantities to comprehensive energy (综合能耗, kgce) and CO₂ (DOMAIN.md §2).
/// Direct CO₂ is from fuels burned on site and by vehicles; indirect from purchased electricity and heat.
/// Self-generated photovoltaic electricity is not consumption of grid electricity and is passed through only.
/// </summary>
public static class EnergyCalculator
{
    private const double KgPerTonne = 1000;
    private const double MjPerGj = 1000;

    /// <summary>Converts <paramref name="q"/> with <paramref name="factors"/>; the grid factor is that of <paramref name="gridRegion"/>.</summary>
    public static EnergyTotals Compute(ConsumptionQuantities q, FactorTable factors, string? gridRegion)
    {
        var coalKg = q.CoalT * KgPerTonne;
        var heatMj = q.HeatGj * MjPerGj;
        var dieselKg = q.DieselL * factors.DensityKgPerL[EnergyCarrier.Diesel].Value;
        var vehicleDieselKg = q.VehicleDieselL * factors.DensityKgPerL[EnergyCarrier.Diesel].Value;
        var vehicleGasolineKg = q.VehicleGasolineL * factors.DensityKgPerL[EnergyCarrier.Gasoline].Value;

        var vehicleKgce = vehicleGasolineKg * factors.Kgce(EnergyCarrier.Gasoline)
                          + vehicleDieselKg * factors.Kgce(EnergyCarrier.Diesel);
        var buildingKgce = q.ElectricityKwh * factors.Kgce(EnergyCarrier.Electricity)
                           + q.NaturalGasM3 * factors.Kgce(EnergyCarrier.NaturalGas)
                           + coalKg * factors.Kgce(EnergyCarrier.Coal)
                           + heatMj * factors.Kgce(EnergyCarrier.Heat)
                           + q.LpgKg * factors.Kgce(EnergyCarrier.Lpg)
                           + dieselKg * factors.Kgce(EnergyCarrier.Diesel)
                           + q.OtherKgce;

        var vehicleCo2 = vehicleGasolineKg * factors.Co2[EnergyCarrier.Gasoline].Value
                         + vehicleDieselKg * factors.Co2[EnergyCarrier.Diesel].Value;
        var direct = q.NaturalGasM3 * factors.Co2[EnergyCarrier.NaturalGas].Value
                     + coalKg * factors.Co2[EnergyCarrier.Coal].Value
                     + q.LpgKg * factors.Co2[EnergyCarrier.Lpg].Value
                     + dieselKg * factors.Co2[EnergyCarrier.Diesel].Value
                     + q.OtherKgce * factors.Co2[EnergyCarrier.Other].Value
                     + vehicleCo2;
        var indirect = q.ElectricityKwh * factors.GridFactor(gridRegion)
                       + q.HeatGj * factors.Co2[EnergyCarrier.Heat].Value;

        return new EnergyTotals(
            EnergyKgce: buildingKgce + vehicleKgce,
            VehicleFuelKgce: vehicleKgce,
            WaterM3: q.WaterM3,
            Co2DirectKg: direct,
            Co2IndirectKg: indirect,
            VehicleCo2Kg: vehicleCo2,
            PvKwh: q.PvKwh);
    }
}
