using Assessment.Data;
using Assessment.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages;

/// <summary>Sign-in with user name and password; the same answer for an unknown user as for a wrong password.</summary>
public sealed class LoginModel(Database database, TimeProvider clock) : PageModel
{
    [BindProperty]
    public string Username { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await AccountApi.SignInAsync(HttpContext, database, clock, Username, Password, cancellationToken);
        if (result.User is null)
        {
            Error = AccountApi.Refusal(result);
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : IndexModel.HomeOf(result.User.Role));
    }
}
