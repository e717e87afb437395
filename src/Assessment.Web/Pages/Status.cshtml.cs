using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages;

/// <summary>A page for a status without a body of its own (a page or file that does not exist, a refused form).</summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Code { get; set; }

    public string Title => Code switch
    {
        404 => Resources.WebText.NotFoundTitle,
        403 => Resources.WebText.DeniedTitle,
        400 => Resources.WebText.BadRequestTitle,
        _ => Resources.WebText.ErrorTitle,
    };

    public string Text => Code switch
    {
        404 => Resources.WebText.NotFoundText,
        403 => Resources.WebText.DeniedText,
        400 => Resources.WebText.BadRequestText,
        _ => Resources.WebText.ErrorUnexpected,
    };

    public void OnGet()
    {
    }

    public void OnPost()
    {
    }
}
