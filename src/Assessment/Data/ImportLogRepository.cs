using Dapper;

namespace Assessment.Data;

/// <summary>The record of every import that was written: which file, its hash, and what it changed.</summary>
public sealed class ImportLogRepository(DbSession session)
{
    private static readonly string[] Columns =
        ["kind", "file_name", "sha256", "row_count", "inserted", "replaced", "unchanged", "imported_at"];

    /// <summary>Records an import being written and returns its id, which the rows it writes refer to.</summary>
    public Task<long> AddAsync(string kind, string fileName, string sha256, DateTime importedAt,
        CancellationToken cancellationToken = default) =>
        session.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            session.Dialect.InsertReturningId("imports", Columns),
            new
            {
                kind,
                file_name = fileName,
                sha256,
                row_count = 0,
                inserted = 0,
                replaced = 0,
                unchanged = 0,
                imported_at = importedAt,
            },
            session.Transaction,
            cancellationToken: cancellationToken));

    /// <summary>Records what the import <paramref name="id"/> changed.</summary>
    public Task CompleteAsync(long id, ImportCounts counts, CancellationToken cancellationToken = default) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE imports SET row_count = @total, inserted = @inserted, replaced = @replaced, unchanged = @unchanged WHERE id = @id",
            new { id, total = counts.Total, inserted = counts.Inserted, replaced = counts.Replaced, unchanged = counts.Unchanged },
            session.Transaction,
            cancellationToken: cancellationToken));

    /// <summary>How many imports were recorded.</summary>
    public Task<int> CountAsync(CancellationToken cancellationToken = default) =>
        session.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM imports", transaction: session.Transaction, cancellationToken: cancellationToken));
}
