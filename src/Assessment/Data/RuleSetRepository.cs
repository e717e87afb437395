using Assessment.Rules;
using Dapper;

namespace Assessment.Data;

/// <summary>Published rule-set versions: immutable once stored; publishing again makes a version the latest.</summary>
public sealed class RuleSetRepository(DbSession session)
{
    private const string Select =
        "SELECT rule_set_id AS RuleSetId, content_hash AS ContentHash, seq AS Seq, version AS Version, kind AS Kind, level AS Level, " +
        "first_year AS FirstYear, title AS Title, document AS Document, source_file AS SourceFile, published_at AS PublishedAt FROM rule_set_versions";

    /// <summary>
    /// Stores <paramref name="set"/> as the latest version of its id; returns false when this exact text was already stored
    /// (it then becomes the latest again).
    /// </summary>
    public async Task<bool> PublishAsync(CompiledRuleSet set, DateTime now, CancellationToken cancellationToken = default)
    {
        var next = await session.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM rule_set_versions", transaction: session.Transaction, cancellationToken: cancellationToken));
        var updated = await session.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE rule_set_versions SET seq = @next WHERE rule_set_id = @id AND content_hash = @hash",
            new { next, id = set.Id, hash = set.ContentHash }, session.Transaction, cancellationToken: cancellationToken));
        if (updated > 0)
        {
            return false;
        }

        await session.Connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO rule_set_versions (rule_set_id, content_hash, seq, version, kind, level, first_year, title, document, source_file, published_at) " +
            "VALUES (@id, @hash, @next, @version, @kind, @level, @firstYear, @title, @document, @file, @now)",
            new
            {
                id = set.Id,
                hash = set.ContentHash,
                next,
                version = set.Document.Version,
                kind = Codes.Of(set.Kind),
                level = Codes.Of(set.Level),
                firstYear = set.Document.FirstYear,
                title = set.Document.Title.Zh,
                document = set.Text,
                file = Path.GetFileName(set.Source),
                now,
            },
            session.Transaction,
            cancellationToken: cancellationToken));
        return true;
    }

    /// <summary>For each rule set, the version in force for <paramref name="year"/>: the latest published among those whose first year is not after it.</summary>
    public async Task<IReadOnlyList<StoredRuleSet>> InForceAsync(int year, CancellationToken cancellationToken = default)
    {
        var rows = (await session.Connection.QueryAsync<Row>(new CommandDefinition(
            Select + " WHERE first_year <= @year", new { year }, session.Transaction, cancellationToken: cancellationToken))).Select(row => row.ToStored());
        return rows.GroupBy(row => row.RuleSetId)
            .Select(group => group.OrderByDescending(row => row.FirstYear).ThenByDescending(row => row.Seq).First())
            .OrderBy(row => row.RuleSetId, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The versions named by <paramref name="keys"/> (<c>id@hash</c>); throws naming any that is not stored.</summary>
    public async Task<IReadOnlyList<StoredRuleSet>> GetAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        var all = (await ListAsync(cancellationToken)).ToDictionary(row => row.Key);
        return keys.Select(key => all.TryGetValue(key, out var row)
            ? row
            : throw new DatabaseException(string.Format(Resources.Strings.RuleSetVersionMissing, key))).ToArray();
    }

    /// <summary>Every stored version, newest first.</summary>
    public async Task<IReadOnlyList<StoredRuleSet>> ListAsync(CancellationToken cancellationToken = default) =>
        (await session.Connection.QueryAsync<Row>(new CommandDefinition(
            Select + " ORDER BY seq DESC", transaction: session.Transaction, cancellationToken: cancellationToken))).Select(row => row.ToStored()).ToArray();

    private sealed class Row
    {
        public string RuleSetId { get; set; } = "";
        public string ContentHash { get; set; } = "";
        public int Seq { get; set; }
        public string Version { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Level { get; set; } = "";
        public int FirstYear { get; set; }
        public string Title { get; set; } = "";
        public string Document { get; set; } = "";
        public string SourceFile { get; set; } = "";
        public DateTime PublishedAt { get; set; }

        public StoredRuleSet ToStored() =>
            new(RuleSetId, ContentHash, Seq, Version, Kind, Level, FirstYear, Title, Document, SourceFile, PublishedAt);
    }
}
