using Assessment.Indicators;

namespace Assessment.Tests.Indicators;

public sealed class IndicatorValuesTests
{
    private static readonly EnergyTotals Totals = new(
        EnergyKgce: 12_000, VehicleFuelKgce: 2_000, WaterM3: 1_500, Co2DirectKg: 3_000, Co2IndirectKg: 27_000, VehicleCo2Kg: 4_000, PvKwh: 0);

    [Fact]
    public void Per_capita_energy_counts_vehicle_fuel_and_per_area_energy_does_not()
    {
        var values = IndicatorValues.From(new IndicatorBasis(Totals, BuildingAreaM2: 500, Users: 40));

        Assert.Equal(300, values.EnergyPerCapita); // 12 000 / 40
        Assert.Equal(20, values.EnergyPerArea); // (12 000 − 2 000) / 500
        Assert.Equal(37.5, values.WaterPerCapita); // 1 500 / 40
        Assert.Equal(30, values.Co2Tonnes);
        Assert.Equal(52, values.Co2PerArea); // (30 000 − 4 000) kg / 500 m²
    }

    [Fact]
    public void A_ratio_without_a_denominator_is_absent_not_zero()
    {
        var values = IndicatorValues.From(new IndicatorBasis(Totals, BuildingAreaM2: 0, Users: 0));

        Assert.Null(values.EnergyPerCapita);
        Assert.Null(values.EnergyPerArea);
        Assert.Null(values.WaterPerCapita);
        Assert.Null(values.Co2PerArea);
    }

    [Fact]
    public void A_change_is_the_ratio_to_the_reference_minus_one()
    {
        var now = IndicatorValues.From(new IndicatorBasis(Totals, 500, 40));
        var before = IndicatorValues.From(new IndicatorBasis(Totals with { EnergyKgce = 14_000 }, 500, 40));

        var change = IndicatorChanges.Between(now, before, 2020);

        Assert.Equal(2020, change.ReferenceYear);
        Assert.Equal(12_000.0 / 14_000 - 1, change.EnergyPerCapita!.Value, 12);
        Assert.Equal(10_000.0 / 12_000 - 1, change.EnergyPerArea!.Value, 12);
        Assert.Equal(0, change.WaterPerCapita);
    }
}
