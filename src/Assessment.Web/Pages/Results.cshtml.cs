using Assessment.Assessing;
using Assessment.Data;
using Assessment.Web.Api;
using Assessment.Web.Auth;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages;

/// <summary>One institution's score with every point explained: for itself, its county, the bureau and leaders.</summary>
public sealed class ResultsModel(Database database, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    public Explanation? Explanation { get; private set; }

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            await User.ToUser().DemandAsync(Code, database, cancellationToken);
            Explanation = await new AssessmentService(database, clock).ExplainAsync(Year, Code, cancellationToken: cancellationToken);
            return Page();
        }
        catch (ForbiddenException)
        {
            return Forbid();
        }
        catch (ArgumentException e)
        {
            Error = e.Message;
            return Page();
        }
    }
}
