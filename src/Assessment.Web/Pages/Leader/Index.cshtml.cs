using Assessment.Assessing;
using Assessment.Data;
using Assessment.Domain;
using Assessment.Indicators;
using Assessment.Reports;
using Assessment.Rules.Results;
using Assessment.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages.Leader;

/// <summary>
/// Results for leaders (and the bureau; a county sees its own institutions): the ranking with filters, the county
/// comparison, the grade distribution, energy per area against the five-year target line, demonstration candidates,
/// penalties, and the export.
/// </summary>
public sealed class IndexModel(Database database, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public string Level { get; set; } = "institution";

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? County { get; set; }

    public IReadOnlyList<Domain.County> Counties { get; private set; } = [];

    public IReadOnlyList<AssessmentResult> Results { get; private set; } = [];

    public IReadOnlyList<(string, double)> CountyScores { get; private set; } = [];

    public IReadOnlyList<(string, double)> GradeCounts { get; private set; } = [];

    public IReadOnlyList<(int Year, double Value)> Trend { get; private set; } = [];

    public (int Year, double Value)? TargetFrom { get; private set; }

    public (int Year, double Value)? TargetTo { get; private set; }

    public IReadOnlyList<(AssessmentResult, DemonstrationLine)> Candidates { get; private set; } = [];

    public IReadOnlyList<(AssessmentResult, PenaltyResult)> Penalised { get; private set; } = [];

    public string? Error { get; private set; }

    /// <summary>One category of institutions: how many, their average score, how many in each grade.</summary>
    public sealed record CategoryRow(string Name, int Count, double Average, IReadOnlyDictionary<string, int> Grades);

    public IReadOnlyList<CategoryRow> CategoryRows { get; private set; } = [];

    /// <summary>How many rows of the ranking the page shows (the export has them all).</summary>
    public const int Shown = 200;

    /// <summary>A category code's name.</summary>
    public static string CategoryName(string? code) => Categories.Parse(code) is { } category ? IndicatorAggregator.CategoryName(category) : code ?? "";

    /// <summary>The run the results come from.</summary>
    public AssessmentRun? Run { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Year ??= WebYear.Default(clock);
        Category = string.IsNullOrEmpty(Category) ? null : Category;
        County = string.IsNullOrEmpty(County) ? null : County;
        Level = Level == "county" ? "county" : "institution";
        await using (var session = await database.OpenAsync(cancellationToken))
        {
            var user = Auth.WebUser.ToUser(User);
            Counties = (await new CountyRepository(session).ListAsync(cancellationToken))
                .Where(county => user.Role != UserRole.County || county.Code == user.Scope).ToArray();
        }

        try
        {
            Results = await ResultsApi.RankedAsync(Year.Value, Level, Category, County, HttpContext, database, clock, cancellationToken);
        }
        catch (Exception e) when (e is NotFoundException or ForbiddenException or ArgumentException)
        {
            Error = e.Message;
            return;
        }

        Run = (await new AssessmentService(database, clock).LatestAsync(Year.Value, cancellationToken))?.Run;
        var all = await ResultsApi.RankedAsync(Year.Value, "institution", null, null, HttpContext, database, clock, cancellationToken);
        CountyScores = (await ResultsApi.RankedAsync(Year.Value, "county", null, null, HttpContext, database, clock, cancellationToken))
            .OrderByDescending(result => result.Score).Select(result => (result.Name, result.Score)).ToArray();
        // Best grade first: the groups in the order of their average score.
        GradeCounts = all.GroupBy(result => result.GradeLabel).OrderByDescending(group => group.Average(result => result.Score))
            .Select(group => (group.Key.Length == 0 ? "–" : group.Key, (double)group.Count())).ToArray();
        CategoryRows = all.GroupBy(result => result.Category ?? "").OrderByDescending(group => group.Average(result => result.Score)).Select(group =>
            new CategoryRow(Categories.Parse(group.Key) is { } category ? IndicatorAggregator.CategoryName(category) : group.Key, group.Count(),
                group.Average(result => result.Score), group.GroupBy(result => result.GradeLabel.Length == 0 ? "–" : result.GradeLabel)
                    .ToDictionary(grades => grades.Key, grades => grades.Count()))).ToArray();
        Candidates = all.SelectMany(result => result.Demonstrations.Where(line => line.Qualifies).Select(line => (result, line))).ToArray();
        Penalised = all.SelectMany(result => result.Penalties.Select(penalty => (result, penalty))).ToArray();
        await TrendAsync(Year.Value, cancellationToken);
    }

    // The prefecture's energy per area from the plan's baseline to the year, and the plan's straight line to its target.
    private async Task TrendAsync(int year, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        var plan = (await new TargetRepository(session).ListAsync(cancellationToken))
            .FirstOrDefault(p => p.Scope == TargetScope.Prefecture && p.BaselineYear < year && p.TargetYear >= year);
        var first = plan?.BaselineYear ?? year - 5;
        var points = new List<(int, double)>();
        for (var y = first; y <= year; y++)
        {
            try
            {
                var row = (await IndicatorReport.BuildAsync(database, new IndicatorQuery(y, IndicatorLevel.Prefecture), cancellationToken)).SingleOrDefault();
                if (row?.EnergyPerArea is { } value)
                {
                    points.Add((y, value));
                }
            }
            catch (FactorTableException)
            {
                // A year no factor table covers has no figure: the line skips it.
            }
        }

        Trend = points;
        if (plan is { EnergyPerAreaDecline: { } decline } && points.FirstOrDefault(p => p.Item1 == plan.BaselineYear) is { Item2: > 0 } baseline)
        {
            TargetFrom = (plan.BaselineYear, baseline.Item2);
            TargetTo = (plan.TargetYear, baseline.Item2 * (1 - decline));
        }
    }
}
