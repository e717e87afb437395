using Assessment.Demo;
using Assessment.Indicators;
using Assessment.Reports;
using Assessment.Tests.Support;

namespace Assessment.Tests.Demo;

/// <summary>One full-size demo database (941 institutions, 2016–2025), built once for the tests that only read it.</summary>
public sealed class DemoFixture : IAsyncLifetime
{
    private readonly TempDatabase _temp = new();

    public Assessment.Data.Database Database => _temp.Database;

    public DemoResult Result { get; private set; } = null!;

    public string Path => _temp.Path;

    public async ValueTask InitializeAsync() =>
        Result = await new DemoBuilder(_temp.Database, FixedClock.Default)
            .BuildAsync(new DemoOptions(), FactorTableReader.ReadDirectory(Repository.Factors), force: false);

    public Task<IReadOnlyList<IndicatorRow>> RowsAsync(int year, IndicatorLevel level, int? baseline = null) =>
        IndicatorReport.BuildAsync(Database, new IndicatorQuery(year, level, baseline));

    public ValueTask DisposeAsync()
    {
        _temp.Dispose();
        return ValueTask.CompletedTask;
    }
}
