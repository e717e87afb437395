using Assessment.Accounts;
using Assessment.Data;
using Assessment.Web.Auth;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessment.Web.Api;

/// <summary><c>/api/account</c>: the antiforgery token, sign-in and sign-out, and who is signed in.</summary>
public static class AccountApi
{
    /// <summary>A sign-in request.</summary>
    public sealed record Credentials(string Username, string Password);

    /// <summary>The signed-in user as the API shows it.</summary>
    public sealed record Me(string Username, string DisplayName, string Role, string? Scope);

    /// <summary>The token to send in <see cref="AntiforgeryCheck.HeaderName"/> with every request that changes something.</summary>
    public sealed record Token(string HeaderName, string Value);

    public static RouteGroupBuilder MapAccountApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/account").WithTags("account").AddEndpointFilter<AntiforgeryCheck>();
        group.MapGet("/antiforgery", (IAntiforgery antiforgery, HttpContext http) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(http);
            return TypedResults.Ok(new Token(AntiforgeryCheck.HeaderName, tokens.RequestToken!));
        }).AllowAnonymous();
        group.MapPost("/login", LoginAsync).AllowAnonymous();
        group.MapPost("/logout", async (HttpContext http, Database database, TimeProvider clock, CancellationToken cancellationToken) =>
        {
            await SignOutAsync(http, database, clock, cancellationToken);
            return TypedResults.NoContent();
        }).RequireAuthorization();
        group.MapGet("/me", (HttpContext http) =>
        {
            var user = http.User.ToUser();
            return TypedResults.Ok(new Me(user.Username, user.DisplayName, user.RoleCode, user.Scope));
        }).RequireAuthorization();
        return group;
    }

    /// <summary>Signs in, or says why not: wrong name or password (the same answer for both), or locked until when.</summary>
    public static async Task<Results<Ok<Me>, ProblemHttpResult>> LoginAsync(Credentials credentials, HttpContext http, Database database, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var result = await SignInAsync(http, database, clock, credentials.Username, credentials.Password, cancellationToken);
        if (result.User is not { } user)
        {
            // The same answer whether the user is unknown, the password wrong or the account locked: nothing tells which names exist.
            return TypedResults.Problem(title: Refusal(result), statusCode: StatusCodes.Status401Unauthorized);
        }

        return TypedResults.Ok(new Me(user.Username, user.DisplayName, user.RoleCode, user.Scope));
    }

    /// <summary>Checks the password and, when it is right, writes the sign-in cookie.</summary>
    public static async Task<AccountService.SignInResult> SignInAsync(HttpContext http, Database database, TimeProvider clock, string username, string password,
        CancellationToken cancellationToken)
    {
        var result = await new AccountService(database, clock).SignInAsync(username.Trim(), password, cancellationToken);
        if (result.User is { } user)
        {
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
                WebUser.Principal(user, CookieAuthenticationDefaults.AuthenticationScheme, result.Stamp));
        }

        return result;
    }

    /// <summary>Why a sign-in was refused: one answer for every reason, naming the lockout rule but not whether it applies.</summary>
    public static string Refusal(AccountService.SignInResult result) =>
        string.Format(Resources.WebText.LoginFailed, AccountService.MaxFailures, (int)AccountService.LockoutDuration.TotalMinutes);

    /// <summary>Signs out here and ends every other copy of this sign-in (the security stamp changes).</summary>
    public static async Task SignOutAsync(HttpContext http, Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            await new AccountService(database, clock).SignOutAsync(http.User.ToUser().Username, cancellationToken);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }
}
