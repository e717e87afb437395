using Assessment.Data;

namespace Assessment.Import;

/// <summary>One kind of import: its columns, how a row is read and checked, and how the checked rows are written.</summary>
internal abstract class TableImport<TRow>
{
    public abstract ImportKind Kind { get; }

    /// <summary>The columns; the first is the key that marks the header row.</summary>
    public abstract IReadOnlyList<ImportColumn> Columns { get; }

    /// <summary>The columns <see cref="Key"/> is made of; the last is blamed when two rows have the same key.</summary>
    public abstract IReadOnlyList<string> KeyColumns { get; }

    /// <summary>Loads what rows are checked against (known codes) before any row is read.</summary>
    public virtual Task LoadAsync(DbSession session, ImportOptions options, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Reads one row; bad cells are reported through <paramref name="cells"/>.</summary>
    public abstract TRow Read(CellReader cells);

    /// <summary>What makes a row unique within the file, written as people read it.</summary>
    public abstract string Key(TRow row);

    /// <summary>Writes the checked rows inside the session's transaction.</summary>
    public abstract Task<ImportCounts> WriteAsync(DbSession session, IReadOnlyList<TRow> rows, long importId, DateTime now,
        CancellationToken cancellationToken);

    /// <summary>Upserts rows of a small reference table, counting them against what <paramref name="list"/> held before.</summary>
    protected async Task<ImportCounts> UpsertCountedAsync(IReadOnlyList<TRow> rows, Func<Task<IReadOnlyList<TRow>>> list,
        Func<IReadOnlyList<TRow>, Task> upsert)
    {
        var stored = (await list()).ToDictionary(Key);
        await upsert(rows);
        return ImportCounts.Compare(rows, stored, Key);
    }
}
