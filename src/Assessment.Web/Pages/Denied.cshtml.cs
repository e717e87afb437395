using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages;

/// <summary>What a user sees on a page their role may not open (status 403).</summary>
public sealed class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
