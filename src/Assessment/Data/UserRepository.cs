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

    /// <summary>
    /// Whether <paramref name="scope"/> fits <paramref name="role"/>: an existing county for a county office, an existing
    /// institution for an institution, none for the bureau, leaders and the system.
    /// </summary>
    public async Task<bool> ScopeFitsAsync(UserRole role, string? scope, CancellationToken cancellationToken = default) => role switch
    {
        UserRole.County => scope is not null && (await new CountyRepository(session).ListAsync(cancellationToken)).Any(county => county.Code == scope),
        UserRole.Institution => scope is not null
                                && (await new InstitutionRepository(session).ListAsync(cancellationToken)).Any(institution => institution.Code == scope),
        _ => scope is null,
    };

    /// <summary>The user <paramref name="username"/>, or null; <c>system</c> is always there.</summary>
    public async Task<User?> GetAsync(string username, CancellationToken cancellationToken = default) =>
        username == User.System.Username ? User.System : (await QueryAsync(" WHERE username = @username", new { username }, cancellationToken)).SingleOrDefault();

    /// <summary>The users who can sign in (a password is set), by name.</summary>
    public Task<IReadOnlyList<User>> WithPasswordAsync(CancellationToken cancellationToken = default) =>
        QueryAsync(" WHERE password_hash IS NOT NULL ORDER BY username", new { }, cancellationToken);

    /// <summary>Every user, by name.</summary>
    public Task<IReadOnlyList<User>> ListAsync(CancellationToken cancellationToken = default) => QueryAsync(" ORDER BY username", new { }, cancellationToken);

    /// <summary>What sign-in needs of <paramref name="username"/>: the password hash (null: none set), recent failures, the lockout end.</summary>
    public async Task<(string? PasswordHash, int FailedLogins, DateTime? LockedUntil)?> CredentialsAsync(string username, CancellationToken cancellationToken = default)
    {
        var rows = await session.Connection.QueryAsync<(string? PasswordHash, int FailedLogins, DateTime? LockedUntil)>(new CommandDefinition(
            "SELECT password_hash, failed_logins, locked_until FROM users WHERE username = @username", new { username }, session.Transaction,
            cancellationToken: cancellationToken));
        return rows.Cast<(string?, int, DateTime?)?>().SingleOrDefault();
    }

    /// <summary>The user's security stamp (null: none issued yet).</summary>
    public Task<string?> StampAsync(string username, CancellationToken cancellationToken = default) =>
        session.Connection.QuerySingleOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT security_stamp FROM users WHERE username = @username", new { username }, session.Transaction, cancellationToken: cancellationToken));

    /// <summary>Replaces the user's security stamp: every sign-in issued with the old one stops working.</summary>
    public Task SetStampAsync(string username, string stamp, CancellationToken cancellationToken = default) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET security_stamp = @stamp WHERE username = @username", new { username, stamp }, session.Transaction,
            cancellationToken: cancellationToken));

    /// <summary>Stores a new password hash and clears failures and any lockout.</summary>
    public Task SetPasswordHashAsync(string username, string hash, CancellationToken cancellationToken = default) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET password_hash = @hash, failed_logins = 0, locked_until = NULL WHERE username = @username", new { username, hash },
            session.Transaction, cancellationToken: cancellationToken));

    /// <summary>Records the outcome of a sign-in: failures counted (and a lockout set), or cleared on success.</summary>
    public Task RecordSignInAsync(string username, int failedLogins, DateTime? lockedUntil, CancellationToken cancellationToken = default) =>
        session.Connection.ExecuteAsync(new CommandDefinition(
            "UPDATE users SET failed_logins = @failedLogins, locked_until = @lockedUntil WHERE username = @username", new { username, failedLogins, lockedUntil },
            session.Transaction, cancellationToken: cancellationToken));

    private async Task<IReadOnlyList<User>> QueryAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        var rows = await session.Connection.QueryAsync<(string Username, string DisplayName, string Role, string? Scope)>(new CommandDefinition(
            "SELECT username, display_name, role, scope FROM users" + where, parameters, session.Transaction, cancellationToken: cancellationToken));
        return rows.Select(row => new User(row.Username, row.DisplayName, Enum.Parse<UserRole>(row.Role, ignoreCase: true), row.Scope)).ToArray();
    }
}
