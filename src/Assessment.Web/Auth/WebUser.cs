using System.Security.Claims;
using Assessment.Domain;

namespace Assessment.Web.Auth;

/// <summary>The signed-in user as our <see cref="User"/>, and the claims a sign-in writes into the cookie.</summary>
public static class WebUser
{
    /// <summary>The claim holding the user's scope (county or institution code).</summary>
    public const string ScopeClaim = "assessment:scope";

    /// <summary>The claim holding the security stamp the sign-in was issued with.</summary>
    public const string StampClaim = "assessment:stamp";

    /// <summary>The claims of <paramref name="user"/>.</summary>
    public static ClaimsPrincipal Principal(User user, string scheme, string? stamp = null)
    {
        List<Claim> claims =
        [
            new(ClaimTypes.NameIdentifier, user.Username),
            new(ClaimTypes.Name, user.DisplayName),
            new(ClaimTypes.Role, user.RoleCode),
        ];
        if (user.Scope is { } scope)
        {
            claims.Add(new Claim(ScopeClaim, scope));
        }

        if (stamp is not null)
        {
            claims.Add(new Claim(StampClaim, stamp));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme));
    }

    /// <summary>The user behind <paramref name="principal"/>; an anonymous principal is an error of the caller (endpoints require sign-in).</summary>
    public static User ToUser(this ClaimsPrincipal principal) => new(
        principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in."),
        principal.FindFirstValue(ClaimTypes.Name) ?? "",
        Enum.Parse<UserRole>(principal.FindFirstValue(ClaimTypes.Role) ?? "leader", ignoreCase: true),
        principal.FindFirstValue(ScopeClaim));
}
