using Assessment.Data;
using Assessment.Web.Api;
using Assessment.Workflows;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages.Bureau;

/// <summary>The bureau's page: how far the year's workflows are per county, the rule sets and their versions, the schedules.</summary>
public sealed class IndexModel(Database database, TimeProvider clock) : PageModel
{
    public int Year { get; private set; }

    public WorkflowService.YearStatus Status { get; private set; } = new([], []);

    public IReadOnlyList<StoredRuleSet> RuleSets { get; private set; } = [];

    public IReadOnlyList<JobsApi.Schedule> Schedules { get; private set; } = [];

    public string? Message { get; private set; }

    public string? Error { get; private set; }

    /// <summary>Stores a job's schedule (applied when the job server next starts); a bad cron expression is refused naming it.</summary>
    public async Task OnPostScheduleAsync(string job, string? cron, bool enabled, CancellationToken cancellationToken)
    {
        try
        {
            await JobsApi.SetScheduleAsync(database, clock, job, cron, enabled, cancellationToken);
            Message = string.Format(Resources.WebText.ScheduleSaved, job);
        }
        catch (ArgumentException e)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await OnGetAsync(null, cancellationToken);
    }

    /// <summary>Assesses the year with the rule sets in force now and stores the run: the results every page shows.</summary>
    public async Task OnPostAssessAsync(int year, CancellationToken cancellationToken)
    {
        try
        {
            var stored = await new Assessment.Assessing.AssessmentService(database, clock).AssessAsync(year, Resources.WebText.AssessNote, cancellationToken);
            Message = string.Format(Resources.WebText.Assessed, stored.Run.Id, year, stored.Institutions.Count, stored.Counties.Count);
        }
        catch (Exception e) when (e is ArgumentException or Rules.RuleEvaluationException or Indicators.FactorTableException)
        {
            Error = e.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await OnGetAsync(year, cancellationToken);
    }

    /// <summary>Opens the year's assessment: an instance per institution with targets and per county.</summary>
    public async Task OnPostOpenAsync(int year, CancellationToken cancellationToken)
    {
        try
        {
            var opened = await new WorkflowService(database, clock).OpenYearAsync(year,
                Rules.RulesDirectory.Workflows() ?? throw new DirectoryNotFoundException("workflows"), cancellationToken);
            Message = string.Format(Resources.WebText.YearOpened, year, opened.Institutions, opened.Counties, opened.Created);
        }
        catch (WorkflowException e)
        {
            Error = string.Join(" ", e.Problems);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await OnGetAsync(year, cancellationToken);
    }

    public async Task OnGetAsync(int? year, CancellationToken cancellationToken)
    {
        Year = year ?? WebYear.Default(clock);
        Status = await new WorkflowService(database, clock).StatusAsync(Year, cancellationToken);
        await using var session = await database.OpenAsync(cancellationToken);
        RuleSets = (await new RuleSetRepository(session).ListAsync(cancellationToken)).GroupBy(set => set.RuleSetId)
            .Select(group => group.MaxBy(set => set.Seq)!).OrderBy(set => set.RuleSetId, StringComparer.Ordinal).ToArray();
        Schedules = (await JobsApi.SchedulesAsync(database, clock, cancellationToken)).Value!;
    }
}
