using Assessment.Domain;
using Assessment.Indicators;
using Assessment.Tests.Support;

namespace Assessment.Tests.Indicators;

public sealed class IndicatorAggregatorTests
{
    private static readonly Institution Small = Seed.Office("S") with { BuildingAreaM2 = 100, Users = 10 };
    private static readonly Institution Large = Seed.Office("L") with { BuildingAreaM2 = 10_000, Users = 1_000, Category = InstitutionCategory.Education };

    private static InstitutionYearData Data(Institution institution, int year, double energyKgce, int months = 12) =>
        new(institution.Code, year,
            new IndicatorBasis(EnergyTotals.Zero with { EnergyKgce = energyKgce, WaterM3 = energyKgce / 10 }, institution.BuildingAreaM2, institution.Users),
            months, (1 << months) - 1, "t@0");

    private static Dictionary<(string, int), InstitutionYearData> Index(params InstitutionYearData[] data) =>
        data.ToDictionary(d => (d.Code, d.Year));

    [Fact]
    public void A_group_divides_its_sums_not_the_mean_of_its_members_ratios()
    {
        var aggregator = new IndicatorAggregator([Small, Large], [Seed.Changji], "测试州", []);
        var data = Index(Data(Small, 2024, 10_000), Data(Large, 2024, 100_000));

        var county = aggregator.Build(2024, IndicatorLevel.County, data).Single();

        // Ratio of sums: 110 000 kgce / 10 100 m². The mean of the ratios (100 and 10) would be 55.
        Assert.Equal(110_000.0 / 10_100, county.EnergyPerArea!.Value, 9);
        Assert.Equal(110_000.0 / 1_010, county.EnergyPerCapita!.Value, 9);
        Assert.Equal(2, county.Institutions);
    }

    [Fact]
    public void Each_level_groups_by_its_own_key()
    {
        var aggregator = new IndicatorAggregator([Small, Large], [Seed.Changji], "测试州", []);
        var data = Index(Data(Small, 2024, 10_000), Data(Large, 2024, 100_000));

        Assert.Equal(["L", "S"], aggregator.Build(2024, IndicatorLevel.Institution, data).Select(row => row.Code));
        Assert.Equal(["organ", "education"], aggregator.Build(2024, IndicatorLevel.Category, data).Select(row => row.Code));
        var prefecture = aggregator.Build(2024, IndicatorLevel.Prefecture, data).Single();
        Assert.Equal(("prefecture", "测试州", 110_000.0), (prefecture.Code, prefecture.Name, prefecture.EnergyKgce!.Value));
    }

    [Fact]
    public void Institutions_come_in_county_order_then_code_order_however_they_are_listed()
    {
        // The prefecture-direct county first, then by county code; within a county by code. The direct county's codes
        // come last in code order, so that a list in code order has to be reordered.
        var institutions = new[] { "B2", "Z3", "C1", "Z1", "B1", "C3" }.Select(code => Seed.Office(code) with
        {
            CountyCode = code[0] == 'Z' ? Seed.Direct.Code : Seed.Changji.Code,
        }).ToArray();
        var data = Index(institutions.Where(institution => institution.Code != "C1").Select(institution => Data(institution, 2024, 1_000)).ToArray());
        Institution[][] lists =
        [
            [.. institutions.OrderBy(institution => institution.Code, StringComparer.Ordinal)], // as the database lists them
            [.. institutions.OrderByDescending(institution => institution.Code, StringComparer.Ordinal)],
            institutions,
        ];

        foreach (var list in lists)
        {
            var aggregator = new IndicatorAggregator(list, [Seed.Changji, Seed.Direct], "测试州", []);
            Assert.Equal(["Z1", "Z3", "B1", "B2", "C1", "C3"], aggregator.Build(2024, IndicatorLevel.Institution, data).Select(row => row.Code));
            Assert.Equal(["Z1", "Z3", "B1", "B2", "C3"],
                aggregator.Build(2024, IndicatorLevel.Institution, aggregator.ByPlace(data), reportedOnly: true).Select(row => row.Code));
            Assert.Equal([Seed.Direct.Code, Seed.Changji.Code], aggregator.Build(2024, IndicatorLevel.County, data).Select(row => row.Code));
        }
    }

    [Fact]
    public void Missing_months_are_flagged_on_the_institution_and_counted_on_its_groups()
    {
        var aggregator = new IndicatorAggregator([Small, Large], [Seed.Changji], "测试州", []);
        var data = Index(Data(Small, 2024, 10_000, months: 10), Data(Large, 2024, 100_000));

        var small = aggregator.Build(2024, IndicatorLevel.Institution, data).Single(row => row.Code == "S");
        var county = aggregator.Build(2024, IndicatorLevel.County, data).Single();

        Assert.Equal(10, small.MonthsReported);
        Assert.Equal([11, 12], small.MissingMonths);
        Assert.Equal(1, county.InstitutionsIncomplete);
        Assert.Equal(22, county.MonthsReported);
        Assert.Equal(24, county.MonthsExpected);
    }

    [Fact]
    public void An_institution_that_reported_nothing_has_a_row_without_values()
    {
        var aggregator = new IndicatorAggregator([Small, Large], [Seed.Changji], "测试州", []);
        var data = Index(Data(Large, 2024, 100_000));

        var small = aggregator.Build(2024, IndicatorLevel.Institution, data).Single(row => row.Code == "S");
        var county = aggregator.Build(2024, IndicatorLevel.County, data).Single();

        Assert.Null(small.EnergyKgce);
        Assert.Equal(0, small.MonthsReported);
        Assert.Equal(Enumerable.Range(1, 12), small.MissingMonths);
        Assert.Equal(10, county.EnergyPerArea); // only institutions that reported are summed
    }

    [Fact]
    public void The_baseline_is_the_institution_plan_else_the_county_plan_else_the_prefecture_plan()
    {
        TargetPlan Plan(TargetScope scope, string code, int baseline) =>
            new(scope, code, baseline, baseline + 5, 0.05, 0.06, 0.06, 0.07, null, null, null, null);
        var plans = new[]
        {
            Plan(TargetScope.Prefecture, TargetPlan.PrefectureCode, 2020),
            Plan(TargetScope.County, Seed.Changji.Code, 2021),
            Plan(TargetScope.Institution, "L", 2022),
        };
        var aggregator = new IndicatorAggregator([Small, Large], [Seed.Changji], "测试州", plans);
        var data = Index(
            Data(Small, 2020, 9_000), Data(Small, 2021, 8_000), Data(Small, 2024, 10_000),
            Data(Large, 2020, 90_000), Data(Large, 2022, 80_000), Data(Large, 2023, 50_000), Data(Large, 2024, 100_000));

        var rows = aggregator.Build(2024, IndicatorLevel.Institution, data).ToDictionary(row => row.Code);
        var county = aggregator.Build(2024, IndicatorLevel.County, data).Single();
        var prefecture = aggregator.Build(2024, IndicatorLevel.Prefecture, data).Single();

        Assert.Equal(2022, rows["L"].ChangeVsBaseline!.ReferenceYear);
        Assert.Equal(100_000.0 / 80_000 - 1, rows["L"].ChangeVsBaseline!.EnergyKgce!.Value, 12);
        Assert.Equal(2021, rows["S"].ChangeVsBaseline!.ReferenceYear);
        Assert.Equal(2021, county.ChangeVsBaseline!.ReferenceYear);
        Assert.Equal(2020, prefecture.ChangeVsBaseline!.ReferenceYear);
        Assert.Equal(2023, rows["L"].ChangeVsPrevious!.ReferenceYear);
        Assert.Equal(1, rows["L"].ChangeVsPrevious!.EnergyKgce!.Value, 12);
        Assert.Null(rows["S"].ChangeVsPrevious); // nothing reported in 2023
        Assert.Equal(new[] { 2020, 2021, 2022, 2023, 2024 }, aggregator.YearsNeeded(2024, null).Order());
    }

    [Fact]
    public void A_baseline_year_given_explicitly_replaces_the_plans()
    {
        var aggregator = new IndicatorAggregator([Small], [Seed.Changji], "测试州", []);
        var data = Index(Data(Small, 2016, 20_000), Data(Small, 2020, 10_000));

        var row = aggregator.Build(2020, IndicatorLevel.Institution, data, baselineYear: 2016).Single();

        Assert.Equal(2016, row.ChangeVsBaseline!.ReferenceYear);
        Assert.Equal(-0.5, row.ChangeVsBaseline.EnergyKgce!.Value, 12);
    }
}
