using Assessment.Data;
using Assessment.Domain;
using Assessment.Web.Api;

namespace Assessment.Web.Auth;

/// <summary>Server-side scope checks: which institutions and counties a user may see and act on.</summary>
public static class Scopes
{
    /// <summary>
    /// Whether <paramref name="user"/> may see <paramref name="code"/> (an institution or a county): the bureau and leaders
    /// everything, a county its own and its institutions, an institution itself.
    /// </summary>
    public static async Task<bool> MaySeeAsync(this User user, string code, Database database, CancellationToken cancellationToken)
    {
        if (user.Role is UserRole.Bureau or UserRole.Leader or UserRole.System)
        {
            return true;
        }

        // One row read, not the whole register: this runs on every request that names an institution.
        await using var session = await database.OpenAsync(cancellationToken);
        return user.Covers(code, await new InstitutionRepository(session).CountyOfAsync(code, cancellationToken) ?? code);
    }

    /// <summary>Throws <see cref="ForbiddenException"/> (403) unless <paramref name="user"/> may see <paramref name="code"/>.</summary>
    public static async Task DemandAsync(this User user, string code, Database database, CancellationToken cancellationToken)
    {
        if (!await user.MaySeeAsync(code, database, cancellationToken))
        {
            throw new ForbiddenException(string.Format(Resources.WebText.OutOfScope, code));
        }
    }
}
