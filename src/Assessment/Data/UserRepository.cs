using Assessment.Domain;
using Dapper;

namespace Assessment.Data;

/// <summary>Users, their roles and scopes (passwords come with the web application).</summary>
public sealed class UserRepository(DbSession session)
{
    /// <summary>Adds or updates users.</summary>
    public Task UpsertAsync(IEnumerable<User> users, DateTime now, CancellationToken cancellationToken = default) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            session.Dialect.Upsert("users", ["username"], ["display_name", "role", "scope", "created_at"]),
            users.Select(user => new { username = user.Username, display_name = user.DisplayName, role = user.RoleCode, scope = user.Scope, created_at = now }),
            session.Transaction,
            cancellationToken: cancellationToken));

    /// <summary>The user <paramref name="username"/>, or null; <c>system</c> is always there.</summary>
    public async Task<User?> GetAsync(string username, CancellationToken cancellationToken = default) =>
        username == User.System.Username ? User.System : (await QueryAsync(" WHERE username = @username", new { username }, cancellationToken)).SingleOrDefault();

    /// <summary>Every user, by name.</summary>
    public Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken = default) => QueryAsync(" ORDER BY username", new { }, cancellationToken);

    private async Task<IReadOnlyList<User>> QueryAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        var rows = await session.Connection.QueryAsync<(string Username, string DisplayName, string Role, string? Scope)>(new CommandDefinition(
            "SELECT username, display_name, role, scope FROM users" + where, parameters, session.Transaction, cancellationToken: cancellationToken));
        return rows.Select(row => new User(row.Username, row.DisplayName, Enum.Parse<UserRole>(row.Role, ignoreCase: true), row.Scope)).ToArray();
    }
}
