using Assessment.Data;
using Assessment.Demo;
using Assessment.Indicators;
using Assessment.Reports;
using Assessment.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Assessment.Tests.Demo;

/// <summary>
/// One full-size demo database (941 institutions, 2016–2025, the shipped rule sets published and 2021–2025 assessed,
/// the demo users and the 2025 workflows opened and walked part of the way),
/// built once for the whole test run. Tests that only read use it; tests that change it take a copy.
/// </summary>
public sealed class DemoFixture : IAsyncLifetime
{
    private readonly TempDatabase _temp = new();

    public Database Database => _temp.Database;

    public DemoResult Result { get; private set; } = null!;

    public string Path => _temp.Path;

    public DemoWorkflows.Walked Workflows { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Result = await new DemoBuilder(_temp.Database, FixedClock.Default).BuildAsync(new DemoOptions(),
            FactorTableReader.ReadDirectory(Repository.Factors), force: false,
            ruleSets: DatabaseSetup.ShippedRuleSets(System.IO.Path.Combine(Repository.Root, "rules")));
        Workflows = await new DemoWorkflows(_temp.Database, FixedClock.Default).BuildAsync(DemoCalibration.LastYear, Repository.Workflows);
    }

    public Task<IReadOnlyList<IndicatorRow>> RowsAsync(int year, IndicatorLevel level, int? baseline = null) =>
        IndicatorReport.BuildAsync(Database, new IndicatorQuery(year, level, baseline));

    /// <summary>A copy of the demo database in <paramref name="target"/>'s folder, for a test that changes it.</summary>
    public Database CopyTo(TempDatabase target)
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }.Where(suffix => File.Exists(Path + suffix)))
        {
            File.Copy(Path + suffix, target.Path + suffix, overwrite: true);
        }

        return target.Database;
    }

    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }
}

/// <summary>The test classes that share the one demo database.</summary>
[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoFixture>
{
    public const string Name = "demo";
}
