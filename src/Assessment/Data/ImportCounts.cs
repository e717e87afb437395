namespace Assessment.Data;

/// <summary>What an import did: rows new to the database, rows that replaced different values, rows already stored as given.</summary>
public sealed record ImportCounts(int Inserted, int Replaced, int Unchanged)
{
    /// <summary>All rows of the file.</summary>
    public int Total => Inserted + Replaced + Unchanged;
}
