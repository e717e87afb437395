using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages;

/// <summary>The home page sends each role to its own page.</summary>
public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect(HomeOf(Auth.WebUser.ToUser(User).Role));

    /// <summary>The main page of a role.</summary>
    public static string HomeOf(Domain.UserRole role) => role switch
    {
        Domain.UserRole.Bureau => "/bureau",
        Domain.UserRole.County => "/county",
        Domain.UserRole.Institution => "/institution",
        _ => "/leader",
    };
}
