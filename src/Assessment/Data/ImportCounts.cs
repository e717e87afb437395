namespace Assessment.Data;

/// <summary>What an import did: rows new to the database, rows that replaced different values, rows already stored as given.</summary>
public sealed record ImportCounts(int Inserted, int Replaced, int Unchanged)
{
    /// <summary>All rows of the file.</summary>
    public int Total => Inserted + Replaced + Unchanged;

    /// <summary>Counts <paramref name="rows"/> against what was stored before, matched by <paramref name="key"/>.</summary>
    public static ImportCounts Compare<T>(IReadOnlyCollection<T> rows, IReadOnlyDictionary<string, T> stored, Func<T, string> key)
    {
        var added = rows.Count(row => !stored.ContainsKey(key(row)));
        var changed = rows.Count(row => stored.TryGetValue(key(row), out var old) && !Equals(old, row));
        return new ImportCounts(added, changed, rows.Count - added - changed);
    }
}
