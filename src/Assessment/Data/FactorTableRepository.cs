using Assessment.Indicators;
using Dapper;

namespace Assessment.Data;

/// <summary>
/// Every version of every factor table ever loaded, kept so that a result can name the table that produced it;
/// the tables of the last load are the current ones.
/// </summary>
public sealed class FactorTableRepository(DbSession session)
{
    /// <summary>Makes <paramref name="files"/> the current tables, storing the versions not stored yet; returns how many were new.</summary>
    public async Task<int> ReplaceCurrentAsync(IReadOnlyList<FactorTableFile> files, DateTime now, CancellationToken cancellationToken = default)
    {
        var stored = (await session.Connection.QueryAsync<(string Id, string Hash)>(new CommandDefinition(
            "SELECT id, content_hash FROM factor_tables", transaction: session.Transaction, cancellationToken: cancellationToken))).ToHashSet();
        var added = files.Where(file => !stored.Contains((file.Table.Id, file.Table.ContentHash))).ToArray();

        await session.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE factor_tables SET is_current = @current", new { current = false }, session.Transaction, cancellationToken: cancellationToken));
        await session.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO factor_tables (id, content_hash, first_year, last_year, document, source_file, is_current, loaded_at) " +
            "VALUES (@id, @hash, @first, @last, @document, @file, @current, @now)",
            added.Select(file => new
            {
                id = file.Table.Id,
                hash = file.Table.ContentHash,
                first = file.Table.FirstYear,
                last = file.Table.LastYear,
                document = file.Document,
                file = file.SourceFile,
                current = false,
                now,
            }),
            session.Transaction,
            cancellationToken: cancellationToken));
        await session.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE factor_tables SET is_current = @current WHERE id = @id AND content_hash = @hash",
            files.Select(file => new { id = file.Table.Id, hash = file.Table.ContentHash, current = true }),
            session.Transaction,
            cancellationToken: cancellationToken));
        return added.Length;
    }

    /// <summary>The stored versions named by <paramref name="keys"/> (<c>id@hash</c>), as a run recorded them.</summary>
    public async Task<FactorTableSet> GetAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        var rows = (await session.Connection.QueryAsync<(string Id, string Hash, string Document)>(new CommandDefinition(
            "SELECT id, content_hash, document FROM factor_tables", transaction: session.Transaction, cancellationToken: cancellationToken)))
            .ToDictionary(row => $"{row.Id}@{row.Hash}", row => row);
        return new FactorTableSet(keys.Select(key => rows.TryGetValue(key, out var row)
            ? FactorTableReader.Parse(row.Document, $"factor_tables/{row.Id}")
            : throw new DatabaseException(string.Format(Resources.Strings.FactorVersionMissing, key))).ToArray());
    }

    /// <summary>The current tables.</summary>
    public async Task<FactorTableSet> CurrentAsync(CancellationToken cancellationToken = default)
    {
        var rows = await session.Connection.QueryAsync<(string Id, string Document)>(new CommandDefinition(
            "SELECT id, document FROM factor_tables WHERE is_current = @current ORDER BY first_year",
            new { current = true }, session.Transaction, cancellationToken: cancellationToken));
        return new FactorTableSet(rows.Select(row => FactorTableReader.Parse(row.Document, $"factor_tables/{row.Id}")).ToArray());
    }
}
