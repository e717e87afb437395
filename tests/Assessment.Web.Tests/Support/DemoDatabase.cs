using Assessment.Data;
using Assessment.Demo;
using Assessment.Indicators;
using Microsoft.Data.Sqlite;

namespace Assessment.Web.Tests.Support;

/// <summary>
/// One demo database (941 institutions, rule sets published, 2021–2025 assessed, the 2025 workflows walked, demo accounts
/// with their password) built once for the whole run; each test that changes data starts a host on a copy of its own.
/// </summary>
public sealed class DemoDatabase : IAsyncLifetime
{
    /// <summary>The clock of the demo and of every host: 31 March 2026, when county reviews are due.</summary>
    public static readonly TimeProvider Clock = new FixedClock(new DateTimeOffset(2026, 3, 31, 8, 0, 0, TimeSpan.Zero));

    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("assessment-web-demo-");

    // The tests' copies, removed with the demo at the end of the run (each is ≈ 55 MB).
    private readonly System.Collections.Concurrent.ConcurrentBag<DirectoryInfo> _copies = [];

    public string Path => System.IO.Path.Combine(_folder.FullName, "demo.db");

    public DemoWorkflows.Walked Walked { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var database = new Database(DatabaseTarget.Sqlite(Path));
        var root = Repository.Root;
        await new DemoBuilder(database, Clock).BuildAsync(new DemoOptions(), FactorTableReader.ReadDirectory(System.IO.Path.Combine(root, "rules", "factors")),
            force: false, ruleSets: DatabaseSetup.ShippedRuleSets(System.IO.Path.Combine(root, "rules")));
        Walked = await new DemoWorkflows(database, Clock).BuildAsync(DemoCalibration.LastYear, System.IO.Path.Combine(root, "workflows"));
        SqliteConnection.ClearAllPools();
    }

    /// <summary>A copy of the demo database in a new folder, for one test to change.</summary>
    public string Copy()
    {
        var folder = Directory.CreateTempSubdirectory("assessment-web-test-");
        _copies.Add(folder);
        var target = System.IO.Path.Combine(folder.FullName, "assessment.db");
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" }.Where(suffix => File.Exists(Path + suffix)))
        {
            File.Copy(Path + suffix, target + suffix);
        }

        return target;
    }

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var folder in _copies.Append(_folder))
        {
            try
            {
                folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // One left behind (a host still closing) must not keep the others.
            }
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>The test classes that share the demo database.</summary>
[CollectionDefinition(Name)]
public sealed class DemoCollection : ICollectionFixture<DemoDatabase>
{
    public const string Name = "web-demo";
}

/// <summary>A clock that always says the same time.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>The repository's own folders.</summary>
public static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Assessment.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run inside the repository.");
    }
}
