using Assessment.Assessing;
using Assessment.Data;
using Assessment.Web.Auth;
using Assessment.Workflows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages.County;

/// <summary>
/// A county office's inbox: its institutions' submissions waiting for review, each with its data-quality findings (from
/// the latest assessment of the year) and how many checklist items carry evidence; approve, or return with a reason.
/// </summary>
public sealed class IndexModel(Database database, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public IReadOnlyList<InboxItem> Items { get; private set; } = [];

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Issues { get; private set; } = new Dictionary<string, IReadOnlyList<string>>();

    public IReadOnlyDictionary<string, int> Evidence { get; private set; } = new Dictionary<string, int>();

    public ILookup<string, EvidenceRepository.Info> Files { get; private set; } = Array.Empty<EvidenceRepository.Info>().ToLookup(file => file.Code);

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task OnPostFireAsync(long id, string trigger, string? comment, CancellationToken cancellationToken)
    {
        (Message, Error) = await Steps.FireAsync(database, clock, User, id, trigger, comment, cancellationToken);
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await LoadAsync(cancellationToken);
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Year ??= WebYear.Default(clock);
        var user = User.ToUser();
        Items = await new WorkflowService(database, clock).InboxAsync(user, Year, cancellationToken);
        var english = System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";
        if (await new AssessmentService(database, clock).LatestAsync(Year.Value, cancellationToken) is { } stored)
        {
            Issues = stored.Institutions.Where(result => result.CountyCode == user.Scope).ToDictionary(result => result.Code,
                result => (IReadOnlyList<string>)result.Issues.Select(issue => english ? issue.MessageEn : issue.Message).ToArray());
        }

        await using var session = await database.OpenAsync(cancellationToken);
        Evidence = (await new ChecklistRepository(session).ListAsync(Year.Value, cancellationToken)).Where(entry => !string.IsNullOrWhiteSpace(entry.Evidence))
            .GroupBy(entry => entry.Code).ToDictionary(group => group.Key, group => group.Count());
        Files = (await new EvidenceRepository(session).ListYearAsync(Year.Value, cancellationToken)).ToLookup(file => file.Code);
    }
}
