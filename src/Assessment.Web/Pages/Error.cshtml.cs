using Assessment.Web.Api;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages;

/// <summary>
/// What a page shows when something went wrong: our errors say what and why, with their status (400, 404…); anything
/// else is a fault of ours, shown as such without its details.
/// </summary>
[Microsoft.AspNetCore.Authorization.AllowAnonymous]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public IReadOnlyList<string> Lines { get; private set; } = [];

    /// <summary>Reads the error (called by the page itself, whatever the method of the request that failed).</summary>
    public void Show()
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Error;
        var (status, details) = exception is null ? (0, []) : ProblemHandler.Classify(exception);
        Response.StatusCode = status == 0 ? StatusCodes.Status500InternalServerError : status;
        Lines = status == 0 ? [Resources.WebText.ErrorUnexpected] : details;
    }
}
