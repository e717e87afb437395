using Assessment.Data;
using Assessment.Domain;
using Assessment.Resources;
using Microsoft.AspNetCore.Identity;

namespace Assessment.Accounts;

/// <summary>
/// Passwords and sign-in: passwords hashed with ASP.NET Core Identity's hasher (PBKDF2, salted, versioned), a lockout
/// of <see cref="LockoutDuration"/> after <see cref="MaxFailures"/> failures in a row, and the same answer for an
/// unknown user as for a wrong password.
/// </summary>
public sealed class AccountService(Database database, TimeProvider clock)
{
    /// <summary>Failures in a row that lock an account.</summary>
    public const int MaxFailures = 5;

    /// <summary>Shortest password accepted.</summary>
    public const int MinPasswordLength = 8;

    /// <summary>How long a locked account stays locked.</summary>
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    private static readonly PasswordHasher<User> Hasher = new();

    // Hashed once, so that an unknown user costs the same time as a wrong password.
    private static readonly string DecoyHash = Hasher.HashPassword(User.System, "not a password of anyone");

    /// <summary>What a sign-in attempt gave.</summary>
    public sealed record SignInResult(User? User, DateTime? LockedUntil, string? Stamp = null)
    {
        /// <summary>Whether the user may come in.</summary>
        public bool Succeeded => User is not null;
    }

    /// <summary>Sets <paramref name="username"/>'s password; a password too short, or an unknown user, is an <see cref="ArgumentException"/>.</summary>
    public async Task SetPasswordAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        if (password.Length < MinPasswordLength)
        {
            throw new ArgumentException(string.Format(Strings.AccountPasswordTooShort, MinPasswordLength));
        }

        await using var session = await database.OpenAsync(cancellationToken);
        var repository = new UserRepository(session);
        var user = await repository.GetAsync(username, cancellationToken);
        if (user is null || user.Role == UserRole.System)
        {
            throw new ArgumentException(string.Format(Strings.WorkflowUserUnknown, username));
        }

        await repository.SetPasswordHashAsync(username, Hasher.HashPassword(user, password), cancellationToken);
        await repository.SetStampAsync(username, NewStamp(), cancellationToken);
    }

    /// <summary>Ends every sign-in of <paramref name="username"/> (this one and any copy of its cookie).</summary>
    public async Task SignOutAsync(string username, CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        await new UserRepository(session).SetStampAsync(username, NewStamp(), cancellationToken);
    }

    /// <summary>Whether a sign-in carrying <paramref name="stamp"/> is still valid for <paramref name="username"/>.</summary>
    public async Task<bool> IsCurrentAsync(string username, string? stamp, CancellationToken cancellationToken = default)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        return stamp is not null && await new UserRepository(session).StampAsync(username, cancellationToken) == stamp;
    }

    private static string NewStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    /// <summary>Checks a user name and password, counting failures and locking the account after <see cref="MaxFailures"/>.</summary>
    public async Task<SignInResult> SignInAsync(string username, string password, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var session = await database.OpenAsync(cancellationToken);
        var repository = new UserRepository(session);
        var user = username == User.System.Username ? null : await repository.GetAsync(username, cancellationToken);
        var credentials = user is null ? null : await repository.CredentialsAsync(username, cancellationToken);
        if (user is null || credentials is not { PasswordHash: { } hash } stored)
        {
            Hasher.VerifyHashedPassword(User.System, DecoyHash, password);
            return new SignInResult(null, null);
        }

        if (stored.LockedUntil is { } until && until > now)
        {
            return new SignInResult(null, until);
        }

        var verified = Hasher.VerifyHashedPassword(user, hash, password);
        if (verified == PasswordVerificationResult.Failed)
        {
            var failures = stored.FailedLogins + 1;
            DateTime? locked = failures >= MaxFailures ? now + LockoutDuration : null;
            await repository.RecordSignInAsync(username, locked is null ? failures : 0, locked, cancellationToken);
            return new SignInResult(null, locked);
        }

        if (verified == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await repository.SetPasswordHashAsync(username, Hasher.HashPassword(user, password), cancellationToken);
        }
        else if (stored.FailedLogins > 0 || stored.LockedUntil is not null)
        {
            await repository.RecordSignInAsync(username, 0, null, cancellationToken);
        }

        var stamp = await repository.StampAsync(username, cancellationToken);
        if (stamp is null)
        {
            stamp = NewStamp();
            await repository.SetStampAsync(username, stamp, cancellationToken);
        }

        return new SignInResult(user, null, stamp);
    }
}
