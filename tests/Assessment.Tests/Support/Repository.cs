namespace Assessment.Tests.Support;

/// <summary>Paths of the repository's own files: shipped factor tables, schema scripts, test fixtures.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Factors => Path.Combine(Root, "rules", "factors");

    public static string Workflows => Path.Combine(Root, "workflows");

    public static string Fixture(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Fixtures", .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Assessment.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The tests must run inside the repository (Assessment.sln not found above " + AppContext.BaseDirectory + ").");
    }
}
