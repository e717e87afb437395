using Assessment.Assessing;
using Assessment.Data;
using Assessment.Rules;
using Assessment.Web.Api;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Assessment.Web.Pages.Bureau;

/// <summary>
/// A rule set's editor: the latest published text, checked (schema, expressions, points, examples), simulated on a past
/// year against the sets in force (nothing stored), and published as a new version only when every check passes.
/// </summary>
public sealed class RuleModel(Database database, TimeProvider clock, SimulationCache simulations) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    [BindProperty]
    public string Text { get; set; } = "";

    [BindProperty]
    public int Year { get; set; }

    public RulesApi.Check? Check { get; private set; }

    public Simulation? Simulation { get; private set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public string? Message { get; private set; }

    private IReadOnlyDictionary<string, string> _grades = new Dictionary<string, string>();

    /// <summary>A grade's name (from the latest results of the year), or its code.</summary>
    public string Grade(string code) => _grades.GetValueOrDefault(code) ?? code;

    /// <summary>The items with points, for the form (empty when the draft is not JSON).</summary>
    public IReadOnlyList<RuleSetEditor.Item> Items
    {
        get
        {
            try
            {
                return RuleSetEditor.Items(Text);
            }
            catch (ArgumentException)
            {
                return []; // the problems of the draft are shown by its check
            }
        }
    }

    /// <summary>Every published version of this rule set, newest first.</summary>
    public IReadOnlyList<StoredRuleSet> Versions { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Text = await RulesApi.LatestTextAsync(database, Id, cancellationToken);
        Year = WebYear.Default(clock);
    }

    /// <inheritdoc />
    public override async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context,
        Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        await LoadVersionsAsync(HttpContext.RequestAborted);
        await next();
    }

    private async Task LoadVersionsAsync(CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        Versions = (await new RuleSetRepository(session).ListAsync(cancellationToken)).Where(v => v.RuleSetId == Id).OrderByDescending(v => v.Seq).ToArray();
    }

    public void OnPostValidate() => Validate();

    /// <summary>
    /// Writes the form into the draft: each common item rewritten from its pattern (indicator, guide and constraint values,
    /// points), other items' points, groups in step; then checks it.
    /// </summary>
    public void OnPostPoints(Dictionary<string, double> points, Dictionary<string, string> indicator, Dictionary<string, double?> guide,
        Dictionary<string, double?> constraint)
    {
        var text = Edit(() =>
        {
            var items = RuleSetEditor.Items(Text);
            var patterns = items.Where(item => item.Pattern is not null && points.ContainsKey(item.Rule)).ToDictionary(item => item.Rule, item => item.Pattern! with
            {
                Indicator = indicator.GetValueOrDefault(item.Rule) ?? item.Pattern.Indicator,
                Guide = guide.GetValueOrDefault(item.Rule),
                Constraint = constraint.GetValueOrDefault(item.Rule),
                Points = points[item.Rule],
            });
            var others = points.Where(pair => !patterns.ContainsKey(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value);
            return RuleSetEditor.WithPoints(RuleSetEditor.WithPatterns(Text, patterns), others);
        });
        if (text is not null)
        {
            Text = text;
            Validate();
        }
    }

    /// <summary>A scoring method's name.</summary>
    public string MethodName(RuleSetEditor.Method method) =>
        Resources.WebText.ResourceManager.GetString("Method_" + method, Resources.WebText.Culture) ?? method.ToString();

    /// <summary>An indicator's name.</summary>
    public string IndicatorName(string indicator) =>
        Resources.WebText.ResourceManager.GetString("Indicator_" + indicator, Resources.WebText.Culture) ?? indicator;

    /// <summary>Takes the draft's results as the examples' expectations (after the author has seen how they moved), then checks it.</summary>
    public void OnPostAcceptExamples()
    {
        if (Edit(() => RuleSetEditor.WithExamplesAccepted(Text, Resources.WebText.DraftSource)) is { } text)
        {
            Text = text;
            Validate();
        }
    }

    // An edit of the draft, or null with its problems shown.
    private T? Edit<T>(Func<T> edit)
        where T : class
    {
        try
        {
            return edit();
        }
        catch (ArgumentException e)
        {
            Problems = [e.Message];
        }
        catch (RuleSetException e)
        {
            Problems = e.Problems;
        }

        Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
        return null;
    }

    public async Task OnPostSimulateAsync(CancellationToken cancellationToken)
    {
        if (Validate() is { } set)
        {
            try
            {
                Simulation = await simulations.SimulateAsync(set, Year, cancellationToken: cancellationToken);
                _grades = Simulation.GradeLabels;
            }
            catch (Exception e) when (e is ArgumentException or RuleEvaluationException or Indicators.FactorTableException)
            {
                // A year without data or rules in force: say so beside the draft, which stays as it is.
                Problems = [e.Message];
                Message = null;
                Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            }
        }
    }

    public async Task OnPostPublishAsync(CancellationToken cancellationToken)
    {
        if (Validate() is { } set)
        {
            await using var session = await database.OpenAsync(cancellationToken);
            var added = await new RuleSetRepository(session).PublishAsync(set, clock.GetUtcNow().UtcDateTime, cancellationToken);
            Message = string.Format(added ? Resources.WebText.PublishedNew : Resources.WebText.PublishedAgain, set.Id, set.ContentHash[..12]);
            await LoadVersionsAsync(cancellationToken);
        }
    }

    // Checks the draft; the compiled set when every check passes, otherwise null with the problems shown.
    private CompiledRuleSet? Validate()
    {
        var result = RuleSetValidation.CheckText(Text, Resources.WebText.DraftSource);
        Check = new RulesApi.Check(result.Passed, result.RuleSet?.Id, result.Problems, result.Examples);
        Problems = result.Problems;
        if (result.RuleSet is { } set && set.Id != Id)
        {
            Problems = [.. Problems, string.Format(Resources.WebText.RuleIdChanged, set.Id, Id)];
        }

        if (Problems.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return null;
        }

        Message ??= Resources.WebText.ValidationPassed;
        return result.RuleSet;
    }
}
