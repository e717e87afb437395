using Assessment.Data;
using Assessment.Domain;
using Assessment.Import;
using Assessment.Web.Api;
using Assessment.Web.Auth;
using Assessment.Workflows;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages.Institution;

/// <summary>
/// An institution's page: where its assessment stands and the steps it may take (submit…), its monthly data with a form
/// for one month and a file import (all or nothing, every bad cell listed), its checklist, and a link to its score.
/// </summary>
public sealed class IndexModel(Database database, TimeProvider clock, WebSettings settings) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public string Code { get; private set; } = "";

    public string Name { get; private set; } = "";

    public long InstanceId { get; private set; }

    public string StateLabel { get; private set; } = "—";

    public DateOnly? Deadline { get; private set; }

    public bool Overdue { get; private set; }

    public IReadOnlyList<WorkflowTrigger> Steps { get; private set; } = [];

    /// <summary>Every step of this year's assessment so far, with the comments of returns.</summary>
    public IReadOnlyList<WorkflowTransition> History { get; private set; } = [];

    private WorkflowDefinition? _definition;

    /// <summary>A step's name as users read it.</summary>
    public string StepLabel(string trigger) => _definition?.Trigger(trigger)?.Label.Current ?? trigger;



    public IReadOnlyList<MonthlyConsumption> Months { get; private set; } = [];

    public IReadOnlyList<ChecklistRepository.Entry> Checklist { get; private set; } = [];

    public string? Message { get; private set; }

    public bool ChecklistOpen { get; private set; }

    public IReadOnlyList<EvidenceRepository.Info> Evidence { get; private set; } = [];

    public bool English => System.Globalization.CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>Saves the self-assessment (all items, or none when one is out of range).</summary>
    public async Task OnPostChecklistAsync(Dictionary<string, double> points, Dictionary<string, bool> na, Dictionary<string, string?> note,
        CancellationToken cancellationToken)
    {
        Year ??= WebYear.Default(clock);
        var lines = SelfAssessment.Items.Select(item => new SelfAssessment.Line(item.Id, points.GetValueOrDefault(item.Id), na.GetValueOrDefault(item.Id),
            note.GetValueOrDefault(item.Id))).ToArray();
        try
        {
            await new SelfAssessment(database, clock).SaveAsync(User.ToUser().Scope!, Year.Value, lines, cancellationToken);
            Refused(Resources.WebText.ChecklistSaved, []);
        }
        catch (ArgumentException e)
        {
            Refused(null, [e.Message]);
        }

        await LoadAsync(cancellationToken);
    }

    /// <summary>Attaches an evidence file to an item.</summary>
    public async Task OnPostEvidenceAsync(string item, IFormFile? file, CancellationToken cancellationToken)
    {
        Year ??= WebYear.Default(clock);
        try
        {
            if (file is null)
            {
                throw new ArgumentException(Resources.WebText.ImportNoFile);
            }

            await new SelfAssessment(database, clock).AddEvidenceAsync(User.ToUser().Scope!, Year.Value, item, file.FileName,
                await DataApi.ReadAsync(file, cancellationToken), User.ToUser().Username, cancellationToken);
            Refused(string.Format(Resources.WebText.EvidenceSaved, file.FileName), []);
        }
        catch (ArgumentException e)
        {
            Refused(null, [e.Message]);
        }

        await LoadAsync(cancellationToken);
    }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task OnPostFireAsync(long id, string trigger, string? comment, CancellationToken cancellationToken)
    {
        var (message, error) = await Pages.Steps.FireAsync(database, clock, User, id, trigger, comment, cancellationToken);
        Refused(message, error is null ? [] : [error]);
        await LoadAsync(cancellationToken);
    }

    /// <summary>Stores one month: a field left empty keeps the value stored for that month (0 when none is); text that is not a number is refused.</summary>
    public async Task OnPostEntryAsync(int month, Dictionary<string, string?> values, CancellationToken cancellationToken)
    {
        Year ??= WebYear.Default(clock);
        var user = User.ToUser();
        try
        {
            MonthlyConsumption? stored;
            await using (var session = await database.OpenAsync(cancellationToken))
            {
                stored = (await new ConsumptionRepository(session).ListYearAsync(Year.Value, cancellationToken))
                    .FirstOrDefault(row => row.Code == user.Scope && row.Month == month);
            }

            var numbers = ConsumptionFields.All.Select(field =>
            {
                var text = values.GetValueOrDefault(field.Name)?.Trim();
                if (string.IsNullOrEmpty(text))
                {
                    return stored is null ? 0 : field.Get(stored.Quantities);
                }

                return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
                    ? value
                    : throw new ArgumentException(string.Format(Assessment.Resources.Strings.EntryOutOfRange, FieldLabel(field.Name), text));
            }).ToArray();
            await DataApi.EnterMonthAsync(user, user.Scope!, Year.Value, month, ConsumptionFields.FromValues(numbers), database, clock, cancellationToken);
            Refused(string.Format(Resources.WebText.MonthSaved, Year, month), []);
        }
        catch (ArgumentException e)
        {
            Refused(null, [e.Message]);
        }

        await LoadAsync(cancellationToken);
    }

    /// <summary>A consumption field's name as users read it (电力 (kWh)).</summary>
    public static string FieldLabel(string field) =>
        Resources.WebText.ResourceManager.GetString("Field_" + field, Resources.WebText.Culture) ?? field;

    public async Task OnPostImportAsync(string kind, IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null)
        {
            Refused(null, [Resources.WebText.ImportNoFile]);
        }
        else
        {
            var outcome = await DataApi.RunImportAsync(kind, file, User.ToUser(), database, clock, settings, cancellationToken);
            Refused(outcome.Succeeded ? string.Format(Resources.WebText.ImportDone, outcome.File, outcome.Counts?.Total, outcome.Counts?.Inserted,
                outcome.Counts?.Replaced) : null, outcome.Errors);
        }

        await LoadAsync(cancellationToken);
    }

    // Shows the outcome; a refusal answers 400 so that a client can tell.
    private void Refused(string? message, IReadOnlyList<string> errors)
    {
        Message = message;
        Errors = errors;
        if (errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Year ??= WebYear.Default(clock);
        var user = User.ToUser();
        Code = user.Scope ?? "";
        await using var session = await database.OpenAsync(cancellationToken);
        Name = (await new InstitutionRepository(session).ListAsync(cancellationToken)).FirstOrDefault(i => i.Code == Code)?.Name ?? Code;
        Months = (await new ConsumptionRepository(session).ListYearAsync(Year.Value, cancellationToken)).Where(row => row.Code == Code).OrderBy(row => row.Month).ToArray();
        Checklist = (await new ChecklistRepository(session).ListAsync(Year.Value, cancellationToken)).Where(entry => entry.Code == Code).ToArray();
        Evidence = await new EvidenceRepository(session).ListAsync(Code, Year.Value, cancellationToken);
        ChecklistOpen = await new SelfAssessment(database, clock).IsOpenAsync(Code, Year.Value, cancellationToken);
        var repository = new WorkflowRepository(session);
        if ((await repository.ListAsync(Year, cancellationToken)).FirstOrDefault(i => i.Subject == WorkflowSubject.Institution && i.SubjectCode == Code) is { } instance)
        {
            var definition = await repository.DefinitionOfAsync(instance, cancellationToken);
            _definition = definition;
            History = await repository.HistoryAsync(instance.Id, cancellationToken);
            InstanceId = instance.Id;
            StateLabel = definition.State(instance.State)?.Label.Current ?? instance.State;
            Deadline = definition.State(instance.State)?.Deadline?.For(instance.Year);
            Overdue = Deadline < Scheduling.ScheduledJobs.Today(clock);
            Steps = definition.Triggers.Where(t => t.From.Contains(instance.State) && t.Roles.Contains("institution")).ToArray();
        }
    }
}
