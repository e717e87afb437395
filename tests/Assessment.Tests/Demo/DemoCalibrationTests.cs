using Assessment.Data;
using Assessment.Domain;
using Assessment.Indicators;

namespace Assessment.Tests.Demo;

/// <summary>The demo reproduces Changji's published 2020 figures and their change since 2016 (DOMAIN.md §8).</summary>
[Collection(DemoCollection.Name)]
public sealed class DemoCalibrationTests(DemoFixture demo)
{
    [Fact]
    public async Task The_2020_prefecture_matches_the_study_within_one_percent()
    {
        var prefecture = (await demo.RowsAsync(2020, IndicatorLevel.Prefecture)).Single();

        Assert.Equal(941, prefecture.Institutions);
        Assert.Equal(5_737_200, prefecture.BuildingAreaM2!.Value, 0);
        Assert.Equal(427_464, prefecture.Users);
        Assert.InRange(prefecture.EnergyPerCapita!.Value / 501.14, 0.99, 1.01);
        Assert.InRange(prefecture.EnergyPerArea!.Value / 35.20, 0.99, 1.01);
        Assert.InRange(prefecture.WaterPerCapita!.Value / 13.11, 0.99, 1.01);
    }

    [Fact]
    public async Task Official_vehicle_fuel_explains_the_gap_between_per_capita_and_per_area_energy()
    {
        var prefecture = (await demo.RowsAsync(2020, IndicatorLevel.Prefecture)).Single();

        // 501.14 × 427 464 ≈ 214 200 tce in all; 35.20 × 5 737 200 ≈ 201 900 tce in buildings; the rest is vehicle fuel.
        Assert.InRange(prefecture.EnergyKgce!.Value / 1000, 214_200 * 0.99, 214_200 * 1.01);
        Assert.InRange((prefecture.EnergyKgce.Value - prefecture.VehicleFuelKgce!.Value) / 1000, 201_900 * 0.99, 201_900 * 1.01);
    }

    [Fact]
    public async Task The_changes_from_2016_to_2020_are_those_of_the_study()
    {
        var prefecture = (await demo.RowsAsync(2020, IndicatorLevel.Prefecture, baseline: 2016)).Single();

        Assert.InRange(prefecture.ChangeVsBaseline!.EnergyPerCapita!.Value, -0.189, -0.179);
        Assert.InRange(prefecture.ChangeVsBaseline.EnergyPerArea!.Value, -0.122, -0.112);
        Assert.InRange(prefecture.ChangeVsBaseline.WaterPerCapita!.Value, -0.180, -0.170);
    }

    [Fact]
    public async Task By_2025_the_prefecture_meets_its_five_year_targets_and_caps()
    {
        var prefecture = (await demo.RowsAsync(2025, IndicatorLevel.Prefecture)).Single();
        var change = prefecture.ChangeVsBaseline!;

        Assert.Equal(2020, change.ReferenceYear); // the plan in force for 2025 is 2020→2025
        Assert.True(change.EnergyPerArea <= -0.05);
        Assert.True(change.EnergyPerCapita <= -0.06);
        Assert.True(change.WaterPerCapita <= -0.06);
        Assert.True(change.Co2PerArea <= -0.07);
        Assert.True(prefecture.EnergyKgce / 1000 <= 240_000);
        Assert.True(prefecture.WaterM3 <= 6_830_000);
        Assert.True(prefecture.Co2Tonnes <= 750_000);
    }

    [Fact]
    public async Task Seven_counties_and_the_prefecture_direct_units_hold_all_six_categories()
    {
        var counties = await demo.RowsAsync(2020, IndicatorLevel.County);
        var categories = (await demo.RowsAsync(2020, IndicatorLevel.Category)).ToDictionary(row => row.Code, row => row.Institutions);

        Assert.Equal(8, counties.Count);
        Assert.Contains(counties, row => row.Name == "州直");
        Assert.Equal(Categories.All.Select(category => category.Code()).Order(), categories.Keys.Order());
        Assert.InRange(categories["organ"], 941 * 0.35, 941 * 0.55); // organs are the largest group
        Assert.InRange(categories["education"], 941 * 0.20, 941 * 0.40);
        Assert.All(categories.Values, count => Assert.True(count >= 10));
    }

    [Fact]
    public async Task Every_institution_reports_every_month_from_2016_to_2025()
    {
        Assert.Equal(941 * 10 * 12, demo.Result.MonthlyRows);
        foreach (var year in new[] { 2016, 2020, 2025 })
        {
            Assert.Equal(0, (await demo.RowsAsync(year, IndicatorLevel.Prefecture)).Single().InstitutionsIncomplete);
        }
    }

    [Fact]
    public async Task Heating_is_used_in_winter_only_and_schools_use_less_in_the_holidays()
    {
        await using var session = await demo.Database.OpenAsync();
        var rows = await new ConsumptionRepository(session).ListYearAsync(2020);
        var institutions = (await new InstitutionRepository(session).ListAsync()).ToDictionary(i => i.Code, i => i.Category);
        double Sum(int month, Func<ConsumptionQuantities, double> value, InstitutionCategory? category = null) =>
            rows.Where(row => row.Month == month && (category is null || institutions[row.Code] == category)).Select(row => row.Quantities).Sum(value);

        Assert.True(Sum(1, row => row.HeatGj) > 3 * Sum(4, row => row.HeatGj));
        Assert.Equal(0, Sum(7, row => row.HeatGj));
        Assert.Equal(0, Sum(7, row => row.CoalT));
        Assert.True(Sum(7, row => row.WaterM3) > Sum(1, row => row.WaterM3));
        Assert.True(Sum(8, row => row.ElectricityKwh, InstitutionCategory.Education) < 0.7 * Sum(9, row => row.ElectricityKwh, InstitutionCategory.Education));
    }

    [Fact]
    public async Task Quotas_and_targets_are_filled_in()
    {
        await using var session = await demo.Database.OpenAsync();
        var quotas = await new QuotaRepository(session).ListAsync();
        var plans = await new TargetRepository(session).ListAsync();

        Assert.Equal(6 * 3, quotas.Count);
        Assert.All(quotas, quota => Assert.True(quota.GuideValue <= quota.BaselineValue && quota.BaselineValue <= quota.ConstraintValue));
        Assert.Equal(2, plans.Count(plan => plan.Scope == TargetScope.Prefecture));
        Assert.Equal(8, plans.Count(plan => plan.Scope == TargetScope.County));
        Assert.Equal(941, plans.Count(plan => plan.Scope == TargetScope.Institution));
        var countyCaps = plans.Where(plan => plan.Scope == TargetScope.County).Sum(plan => plan.EnergyCapTce!.Value);
        Assert.Equal(240_000, countyCaps, 3); // the prefecture's cap handed down in full
    }
}
