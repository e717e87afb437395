using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages;

/// <summary>The home page sends each role to its own page.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect(HomeOf(User));

    /// <summary>The main page of the user's role.</summary>
    public static string HomeOf(System.Security.Claims.ClaimsPrincipal user) =>
        user.IsInRole("bureau") ? "/bureau" : user.IsInRole("county") ? "/county" : user.IsInRole("institution") ? "/institution" : "/leader";
}
