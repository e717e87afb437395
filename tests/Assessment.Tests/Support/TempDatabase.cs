using Assessment.Data;
using Microsoft.Data.Sqlite;

namespace Assessment.Tests.Support;

/// <summary>A SQLite file of its own in a temporary folder, deleted afterwards.</summary>
public sealed class TempDatabase : IDisposable
{
    public TempDatabase()
    {
        Folder = Directory.CreateTempSubdirectory("assessment-test-").FullName;
        Path = System.IO.Path.Combine(Folder, "assessment.db");
        Database = new Database(DatabaseTarget.Sqlite(Path));
    }

    public string Folder { get; }

    public string Path { get; }

    public Database Database { get; }

    /// <summary>A path for a file in this database's folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Folder, name);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
