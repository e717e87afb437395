using Assessment.Data;
using Assessment.Domain;
using Assessment.Web.Api;
using Assessment.Web.Auth;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages.Bureau;

/// <summary>The five-year targets and the quotas in force, and their imports (all or nothing, each bad cell listed).</summary>
public sealed class PlansModel(Database database, TimeProvider clock, WebSettings settings) : PageModel
{
    public IReadOnlyList<TargetPlan> Targets { get; private set; } = [];

    public IReadOnlyList<Quota> Quotas { get; private set; } = [];

    public string? Message { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task OnPostImportAsync(string kind, IFormFile? file, CancellationToken cancellationToken)
    {
        if (kind is not ("targets" or "quotas") || file is null)
        {
            Errors = [Resources.WebText.ImportNoFile];
        }
        else
        {
            var outcome = await DataApi.RunImportAsync(kind, file, User.ToUser(), database, clock, settings, cancellationToken);
            (Message, Errors) = outcome.Succeeded
                ? (string.Format(Resources.WebText.ImportDone, outcome.File, outcome.Counts?.Total, outcome.Counts?.Inserted, outcome.Counts?.Replaced), [])
                : ((string?)null, outcome.Errors);
        }

        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        Targets = await new TargetRepository(session).ListAsync(cancellationToken);
        Quotas = await new QuotaRepository(session).ListAsync(cancellationToken);
    }
}
