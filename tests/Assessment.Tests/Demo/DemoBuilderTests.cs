using Assessment.Data;
using Assessment.Demo;
using Assessment.Indicators;
using Assessment.Reports;
using Assessment.Tests.Support;

namespace Assessment.Tests.Demo;

public sealed class DemoBuilderTests
{
    private static readonly IReadOnlyList<FactorTableFile> Factors = FactorTableReader.ReadDirectory(Repository.Factors);

    private static async Task<string> BuildAndReadAsync(TempDatabase temp, DemoOptions options)
    {
        await new DemoBuilder(temp.Database, FixedClock.Default).BuildAsync(options, Factors, force: false);
        var rows = await IndicatorReport.BuildAsync(temp.Database, new IndicatorQuery(2023, IndicatorLevel.Institution));
        return System.Text.Json.JsonSerializer.Serialize(rows);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_prefecture_and_another_seed_another()
    {
        using var first = new TempDatabase();
        using var second = new TempDatabase();
        using var third = new TempDatabase();

        var a = await BuildAndReadAsync(first, new DemoOptions(Seed: 11, Institutions: 60));
        var b = await BuildAndReadAsync(second, new DemoOptions(Seed: 11, Institutions: 60));
        var c = await BuildAndReadAsync(third, new DemoOptions(Seed: 12, Institutions: 60));

        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Fact]
    public async Task A_smaller_demo_keeps_the_calibrated_intensities()
    {
        using var temp = new TempDatabase();
        await new DemoBuilder(temp.Database, FixedClock.Default).BuildAsync(new DemoOptions(Seed: 3, Institutions: 100), Factors, force: false);

        var prefecture = (await IndicatorReport.BuildAsync(temp.Database, new IndicatorQuery(2020, IndicatorLevel.Prefecture))).Single();

        Assert.Equal(100, prefecture.Institutions);
        Assert.InRange(prefecture.EnergyPerCapita!.Value / 501.14, 0.99, 1.01);
        Assert.InRange(prefecture.EnergyPerArea!.Value / 35.20, 0.99, 1.01);
    }

    [Fact]
    public async Task The_demo_replaces_an_earlier_demo_but_not_real_data()
    {
        using var temp = new TempDatabase();
        var builder = new DemoBuilder(temp.Database, FixedClock.Default);
        await builder.BuildAsync(new DemoOptions(Institutions: 20), Factors, force: false);
        await builder.BuildAsync(new DemoOptions(Institutions: 25), Factors, force: false); // an earlier demo: replaced

        await using (var session = await temp.Database.OpenAsync())
        {
            Assert.Equal(25, (await new InstitutionRepository(session).ListAsync()).Count);
        }

        using var real = new TempDatabase();
        await Seed.InitAsync(real.Database, Seed.Office());
        var refusal = await Assert.ThrowsAsync<DatabaseException>(() =>
            new DemoBuilder(real.Database, FixedClock.Default).BuildAsync(new DemoOptions(Institutions: 20), Factors, force: false));

        Assert.Contains("--force", refusal.Message);
        await using var check = await real.Database.OpenAsync();
        Assert.Equal([Seed.Office()], await new InstitutionRepository(check).ListAsync());
    }

    [Fact]
    public async Task The_demo_refuses_a_fresh_database_that_was_given_counties_or_a_demo_imported_into()
    {
        using var initialised = new TempDatabase();
        await Seed.InitAsync(initialised.Database); // counties, no institutions
        using var played = new TempDatabase();
        await new DemoBuilder(played.Database, FixedClock.Default).BuildAsync(new DemoOptions(Institutions: 10), Factors, force: false);
        File.WriteAllText(played.File("c.csv"), "code,name\n652399,新县\n");
        await new Assessment.Import.Importer(played.Database, FixedClock.Default)
            .ImportAsync(Assessment.Import.ImportKind.Counties, played.File("c.csv"), new Assessment.Import.ImportOptions());

        Assert.False(await new DemoBuilder(initialised.Database, FixedClock.Default).IsReplaceableAsync());
        Assert.False(await new DemoBuilder(played.Database, FixedClock.Default).IsReplaceableAsync());
    }

    [Fact]
    public async Task A_database_with_only_its_factor_tables_may_become_a_demo()
    {
        using var temp = new TempDatabase();
        await DatabaseSetup.InitAsync(temp.Database, Repository.Factors, null, FixedClock.Default, ruleSets: []);

        Assert.True(await new DemoBuilder(temp.Database, FixedClock.Default).IsReplaceableAsync());
    }

    [Fact]
    public void The_demo_checklist_uses_the_vocabulary_items_and_their_maxima()
    {
        var vocabulary = Assessment.Rules.ChecklistVocabulary.Read(Path.Combine(Repository.Root, "rules", "vocabulary", "checklist-items.json"));
        var catalog = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Repository.Root, "src", "Assessment", "Demo", "demo-catalog.json")));

        foreach (var item in catalog.RootElement.GetProperty("checklist").EnumerateArray())
        {
            var id = item.GetProperty("item").GetString()!;
            Assert.True(vocabulary.Contains(id), id);
            Assert.Equal(vocabulary.Items.Single(known => known.Id == id).Max, item.GetProperty("max").GetDouble());
        }
    }

    [Fact]
    public void Shares_in_whole_numbers_add_up_to_the_total_exactly()
    {
        var shares = DemoGenerator.ExactShares([1, 1, 1], 10);

        Assert.Equal(10, shares.Sum());
        Assert.Equal([4, 3, 3], shares);
    }

    [Fact]
    public void A_national_scale_demo_writes_the_last_year_only_twelve_months_each()
    {
        var options = new DemoOptions(Institutions: DemoOptions.NationalScaleAbove + 1);
        var generator = new DemoGenerator(options, new FactorTableSet(Factors.Select(file => file.Table).ToArray()));

        var months = generator.Consumption().Take(12 * 50).ToArray();
        var profiles = generator.Profiles().Take(50).ToArray();
        var checklists = generator.Checklists().Take(500).ToArray();

        Assert.True(options.NationalScale);
        Assert.False(new DemoOptions(Institutions: DemoOptions.NationalScaleAbove).NationalScale);
        Assert.Equal([DemoCalibration.LastYear], options.YearsWritten);
        Assert.All(months, row => Assert.Equal(DemoCalibration.LastYear, row.Year));
        Assert.All(months.GroupBy(row => row.Code), institution => Assert.Equal(Enumerable.Range(1, 12), institution.Select(row => row.Month)));
        Assert.Equal(50, months.Select(row => row.Code).Distinct().Count());
        Assert.All(profiles, profile => Assert.Equal(DemoCalibration.LastYear, profile.Year));
        Assert.All(checklists, entry => Assert.Equal(DemoCalibration.LastYear, entry.Year));
    }
}
