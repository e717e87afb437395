using Assessment.Data;
using Assessment.Domain;
using Assessment.Web.Api;

namespace Assessment.Web.Auth;

/// <summary>Server-side scope checks: which institutions and counties a user may see and act on.</summary>
public static class Scopes
{
    /// <summary>The county of each institution.</summary>
    public static async Task<IReadOnlyDictionary<string, string>> CountiesAsync(Database database, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        return (await new InstitutionRepository(session).ListAsync(cancellationToken)).ToDictionary(i => i.Code, i => i.CountyCode, StringComparer.Ordinal);
    }

    /// <summary>
    /// Whether <paramref name="user"/> may see <paramref name="code"/> (an institution or a county): the bureau and leaders
    /// everything, a county its own and its institutions, an institution itself.
    /// </summary>
    public static bool MaySee(this User user, string code, IReadOnlyDictionary<string, string> counties) => user.Role switch
    {
        UserRole.Bureau or UserRole.Leader or UserRole.System => true,
        _ => user.Covers(code, counties.TryGetValue(code, out var county) ? county : code),
    };

    /// <summary>Throws <see cref="ForbiddenException"/> (403) unless <paramref name="user"/> may see <paramref name="code"/>.</summary>
    public static async Task DemandAsync(this User user, string code, Database database, CancellationToken cancellationToken)
    {
        if (!user.MaySee(code, await CountiesAsync(database, cancellationToken)))
        {
            throw new ForbiddenException(string.Format(Resources.WebText.OutOfScope, code));
        }
    }
}
