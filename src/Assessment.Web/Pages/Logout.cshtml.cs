using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages;

/// <summary>Signs out (a form post, with its antiforgery token) and returns to the sign-in page.</summary>
public sealed class LogoutModel(Assessment.Data.Database database, TimeProvider clock) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await Api.AccountApi.SignOutAsync(HttpContext, database, clock, cancellationToken);
        return Redirect("/login");
    }
}
