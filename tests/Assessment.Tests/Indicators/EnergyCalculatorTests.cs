using Assessment.Indicators;
using Assessment.Tests.Support;

namespace Assessment.Tests.Indicators;

public sealed class EnergyCalculatorTests
{
    private static readonly FactorTable Table2023 =
        FactorTableReader.Parse(File.ReadAllText(Path.Combine(Repository.Factors, "cn-2023.json")), "cn-2023.json");

    private static readonly FactorTable Table2020 =
        FactorTableReader.Parse(File.ReadAllText(Path.Combine(Repository.Factors, "cn-2016-2021.json")), "cn-2016-2021.json");

    [Theory]
    [InlineData(1000, 0, 0, 0, 0, 0, 0, 122.9)] // electricity 0.1229 kgce/kWh
    [InlineData(0, 100, 0, 0, 0, 0, 0, 121.43)] // natural gas 1.2143 kgce/m³
    [InlineData(0, 0, 1, 0, 0, 0, 0, 714.3)] // raw coal 0.7143 kgce/kg, reported in tonnes
    [InlineData(0, 0, 0, 10, 0, 0, 0, 341.2)] // heat 0.03412 kgce/MJ, reported in GJ
    [InlineData(0, 0, 0, 0, 10, 0, 0, 17.143)] // LPG 1.7143 kgce/kg
    [InlineData(0, 0, 0, 0, 0, 100, 0, 125.3106)] // diesel 100 L × 0.86 kg/L × 1.4571
    [InlineData(0, 0, 0, 0, 0, 0, 5, 5)] // other energy is reported in kgce
    public void Converts_each_energy_with_the_default_coefficients(
        double kwh, double gasM3, double coalT, double heatGj, double lpgKg, double dieselL, double otherKgce, double expectedKgce)
    {
        var quantities = Seed.Quantities(electricityKwh: kwh, naturalGasM3: gasM3, coalT: coalT, heatGj: heatGj, lpgKg: lpgKg,
            dieselL: dieselL, otherKgce: otherKgce);

        var totals = EnergyCalculator.Compute(quantities, Table2023, "northwest");

        Assert.Equal(expectedKgce, totals.EnergyKgce, 6);
        Assert.Equal(0, totals.VehicleFuelKgce);
    }

    [Fact]
    public void Official_vehicle_fuel_is_part_of_the_energy_and_kept_apart()
    {
        var quantities = Seed.Quantities(electricityKwh: 1000, vehicleGasolineL: 100, vehicleDieselL: 50);

        var totals = EnergyCalculator.Compute(quantities, Table2023, "northwest");

        var vehicle = 100 * 0.73 * 1.4714 + 50 * 0.86 * 1.4571; // 107.4122 + 62.6553
        Assert.Equal(vehicle, totals.VehicleFuelKgce, 9);
        Assert.Equal(122.9 + vehicle, totals.EnergyKgce, 9);
        Assert.Equal(122.9, totals.BuildingEnergyKgce, 9);
        Assert.Equal(100 * 0.73 * 2.93 + 50 * 0.86 * 3.10, totals.VehicleCo2Kg, 9);
    }

    [Fact]
    public void Electricity_and_heat_are_indirect_emissions_with_the_county_grid_factor()
    {
        var quantities = Seed.Quantities(electricityKwh: 1000, heatGj: 10, naturalGasM3: 100);

        var northwest = EnergyCalculator.Compute(quantities, Table2023, "northwest");
        var unknownRegion = EnergyCalculator.Compute(quantities, Table2023, "atlantis");

        Assert.Equal(1000 * 0.5543 + 10 * 110, northwest.Co2IndirectKg, 9);
        Assert.Equal(1000 * 0.5306 + 10 * 110, unknownRegion.Co2IndirectKg, 9); // falls back to the national average
        Assert.Equal(100 * 2.16, northwest.Co2DirectKg, 9);
    }

    [Fact]
    public void The_grid_factor_is_that_of_the_year_table()
    {
        var quantities = Seed.Quantities(electricityKwh: 1000);

        Assert.Equal(570.3, EnergyCalculator.Compute(quantities, Table2020, "northwest").Co2IndirectKg, 9);
        Assert.Equal(554.3, EnergyCalculator.Compute(quantities, Table2023, "northwest").Co2IndirectKg, 9);
    }

    [Fact]
    public void Photovoltaic_generation_is_reported_but_not_consumed()
    {
        var totals = EnergyCalculator.Compute(Seed.Quantities(electricityKwh: 1000, pvKwh: 400), Table2023, "northwest");

        Assert.Equal(122.9, totals.EnergyKgce, 9);
        Assert.Equal(400, totals.PvKwh);
    }
}
