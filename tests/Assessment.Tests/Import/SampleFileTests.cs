using Assessment.Import;
using Assessment.Reports;
using Assessment.Tests.Support;

namespace Assessment.Tests.Import;

/// <summary>The sample files in docs/samples are what docs/import.md tells people to copy: they must import as they are.</summary>
public sealed class SampleFileTests
{
    private static string Sample(string name) => Path.Combine(Repository.Root, "docs", "samples", name);

    [Fact]
    public async Task The_documented_samples_import_in_order_and_give_indicators()
    {
        using var temp = new TempDatabase();
        await Assessment.Data.DatabaseSetup.InitAsync(temp.Database, Repository.Factors, null, FixedClock.Default, ruleSets: []);
        var importer = new Importer(temp.Database, FixedClock.Default);

        var results = new[]
        {
            await importer.ImportAsync(ImportKind.Counties, Sample("counties.csv"), new ImportOptions()),
            await importer.ImportAsync(ImportKind.Institutions, Sample("institutions.csv"), new ImportOptions(Year: 2024)),
            await importer.ImportAsync(ImportKind.Consumption, Sample("consumption-2024.csv"), new ImportOptions()),
            await importer.ImportAsync(ImportKind.Quotas, Sample("quotas.csv"), new ImportOptions()),
            await importer.ImportAsync(ImportKind.Targets, Sample("targets.csv"), new ImportOptions()),
            await importer.ImportAsync(ImportKind.Checklist, Sample("checklist-2024.csv"), new ImportOptions()),
        };

        Assert.All(results, result => Assert.True(result.Succeeded, string.Join("\n", result.Errors)));
        Assert.Equal(48, results[2].Counts!.Inserted);
        Assert.Equal(2, results[3].Counts!.Inserted);
        Assert.Equal(3, results[4].Counts!.Inserted);
        Assert.Equal(34, results[5].Counts!.Inserted);
        var rows = await IndicatorReport.BuildAsync(temp.Database, new IndicatorQuery(2024));
        Assert.Equal(4, rows.Count);
        Assert.All(rows, row => Assert.Equal(12, row.MonthsReported));
        Assert.All(rows, row => Assert.InRange(row.EnergyPerArea!.Value, 5, 80));
    }
}
