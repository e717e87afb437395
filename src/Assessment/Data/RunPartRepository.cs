using Dapper;

namespace Assessment.Data;

/// <summary>The pieces of an assessment run split into jobs (table <c>run_parts</c>); a piece is written once, the first write stands.</summary>
public sealed class RunPartRepository(DbSession session)
{
    /// <summary>Writes a piece unless it is there already; returns whether this call wrote it.</summary>
    public async Task<bool> AddAsync(string runKey, int phase, string part, string payload, DateTime now, CancellationToken cancellationToken = default) =>
        await session.Connection.ExecuteAsync(new CommandDefinition(
            session.Dialect.InsertIfAbsent("run_parts", ["run_key", "phase", "part"], ["payload", "created_at"]),
            new { run_key = runKey, phase, part, payload, created_at = now }, session.Transaction, cancellationToken: cancellationToken)) == 1;

    /// <summary>The payload of one piece, or null.</summary>
    public Task<string?> GetAsync(string runKey, int phase, string part, CancellationToken cancellationToken = default) =>
        session.Connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT payload FROM run_parts WHERE run_key = @runKey AND phase = @phase AND part = @part",
            new { runKey, phase, part }, session.Transaction, cancellationToken: cancellationToken));

    /// <summary>Every piece of a phase but <paramref name="except"/>, by part name.</summary>
    public async Task<IReadOnlyDictionary<string, string>> ListAsync(string runKey, int phase, string except, CancellationToken cancellationToken = default) =>
        (await session.Connection.QueryAsync<(string Part, string Payload)>(new CommandDefinition(
            "SELECT part, payload FROM run_parts WHERE run_key = @runKey AND phase = @phase AND part <> @except",
            new { runKey, phase, except }, session.Transaction, cancellationToken: cancellationToken)))
        .ToDictionary(row => row.Part, row => row.Payload, StringComparer.Ordinal);

    /// <summary>How many pieces of a phase there are, but <paramref name="except"/>.</summary>
    public Task<int> CountAsync(string runKey, int phase, string except, CancellationToken cancellationToken = default) =>
        session.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM run_parts WHERE run_key = @runKey AND phase = @phase AND part <> @except",
            new { runKey, phase, except }, session.Transaction, cancellationToken: cancellationToken));
}
