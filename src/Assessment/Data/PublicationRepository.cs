using Dapper;

namespace Assessment.Data;

/// <summary>What the bureau published, one document per kind and period, never replaced.</summary>
public sealed class PublicationRepository(DbSession session)
{
    /// <summary>Stores the document unless one of this kind and period exists; returns whether it was stored.</summary>
    public async Task<bool> AddAsync(string kind, string period, string document, DateTime now, CancellationToken cancellationToken = default) =>
        await session.Connection.ExecuteAsync(new CommandDefinition(
            session.Dialect.InsertIfAbsent("publications", ["kind", "period"], ["document", "created_at"]),
            new { kind, period, document, created_at = now }, session.Transaction, cancellationToken: cancellationToken)) == 1;

    /// <summary>The document of <paramref name="kind"/> for <paramref name="period"/>, or null.</summary>
    public Task<string?> GetAsync(string kind, string period, CancellationToken cancellationToken = default) =>
        session.Connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT document FROM publications WHERE kind = @kind AND period = @period", new { kind, period }, session.Transaction,
            cancellationToken: cancellationToken));

    /// <summary>The periods published of <paramref name="kind"/>, newest first.</summary>
    public async Task<IReadOnlyList<string>> PeriodsAsync(string kind, CancellationToken cancellationToken = default) =>
        (await session.Connection.QueryAsync<string>(new CommandDefinition(
            "SELECT period FROM publications WHERE kind = @kind ORDER BY period DESC", new { kind }, session.Transaction,
            cancellationToken: cancellationToken))).ToArray();
}
