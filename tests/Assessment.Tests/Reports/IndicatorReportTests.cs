using Assessment.Data;
using Assessment.Indicators;
using Assessment.Reports;
using Assessment.Tests.Support;

namespace Assessment.Tests.Reports;

public sealed class IndicatorReportTests : IDisposable
{
    private readonly TempDatabase _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Data_of_a_year_no_factor_table_covers_leaves_the_change_unknown_not_the_report_broken()
    {
        await Seed.InitAsync(_temp.Database, Seed.Office());
        await Seed.MonthsAsync(_temp.Database, "A001", 2015, Seed.Quantities(electricityKwh: 2000));
        await Seed.MonthsAsync(_temp.Database, "A001", 2016, Seed.Quantities(electricityKwh: 1000));

        var row = (await IndicatorReport.BuildAsync(_temp.Database, new IndicatorQuery(2016))).Single();

        Assert.Equal(12 * 1000 * 0.1229, row.EnergyKgce!.Value, 9);
        Assert.Null(row.ChangeVsPrevious);
        await Assert.ThrowsAsync<FactorTableException>(() => IndicatorReport.BuildAsync(_temp.Database, new IndicatorQuery(2015)));
    }

    [Fact]
    public async Task The_year_area_and_users_decide_the_intensities_of_that_year()
    {
        await Seed.InitAsync(_temp.Database, Seed.Office(area: 1000, users: 10));
        await using (var session = await _temp.Database.OpenAsync())
        {
            await new InstitutionRepository(session).UpsertYearsAsync([new Domain.InstitutionYear("A001", 2023, 500, 5)]);
        }

        await Seed.MonthsAsync(_temp.Database, "A001", 2023, Seed.Quantities(electricityKwh: 1000));
        await Seed.MonthsAsync(_temp.Database, "A001", 2024, Seed.Quantities(electricityKwh: 1000));

        var y2023 = (await IndicatorReport.BuildAsync(_temp.Database, new IndicatorQuery(2023))).Single();
        var y2024 = (await IndicatorReport.BuildAsync(_temp.Database, new IndicatorQuery(2024))).Single();

        Assert.Equal(500, y2023.BuildingAreaM2);
        Assert.Equal(500, y2024.BuildingAreaM2); // nearest recorded year, not the current record
        Assert.Equal(12 * 1000 * 0.1229 / 500, y2024.EnergyPerArea!.Value, 9);
    }

    [Fact]
    public async Task A_prefecture_row_cannot_be_filtered_to_part_of_the_prefecture()
    {
        await Seed.InitAsync(_temp.Database, Seed.Office());

        await Assert.ThrowsAsync<ArgumentException>(() =>
            IndicatorReport.BuildAsync(_temp.Database, new IndicatorQuery(2024, IndicatorLevel.Prefecture, CountyCode: Seed.Changji.Code)));
    }
}
