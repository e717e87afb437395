using Assessment.Assessing;
using Assessment.Data;
using Assessment.Domain;
using Assessment.Reports;
using Assessment.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessment.Web.Api;

/// <summary><c>/api/results</c>: the latest results of a year, ranked and filtered, exported, and one subject's explanation.</summary>
public static class ResultsApi
{
    public static RouteGroupBuilder MapResultsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/results").WithTags("results").RequireAuthorization().AddEndpointFilter<AntiforgeryCheck>();
        group.MapGet("/{year:int}", async (int year, string? level, string? category, string? county, HttpContext http, Database database, TimeProvider clock,
            CancellationToken cancellationToken) => TypedResults.Ok(await RankedAsync(year, level, category, county, http, database, clock, cancellationToken)))
            .RequireAuthorization(Policies.Results);
        group.MapGet("/{year:int}/export", ExportAsync).RequireAuthorization(Policies.Results);
        group.MapGet("/{year:int}/explain/{code}", ExplainAsync);
        return group;
    }

    /// <summary>
    /// The latest run's results of <paramref name="year"/>: institutions (default) or counties, ranked, optionally of one
    /// category or county. A county user sees its own institutions, and every county's result.
    /// </summary>
    public static async Task<IReadOnlyList<AssessmentResult>> RankedAsync(int year, string? level, string? category, string? county, HttpContext http,
        Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var stored = await new AssessmentService(database, clock).LatestAsync(year, cancellationToken)
                     ?? throw new NotFoundException(string.Format(Assessment.Resources.Strings.AssessNoRun, year));
        var user = http.User.ToUser();
        if (level == "county")
        {
            return stored.Counties;
        }

        IEnumerable<AssessmentResult> results = stored.Institutions;
        if (user.Role == UserRole.County)
        {
            county = county is null || county == user.Scope ? user.Scope : throw new ForbiddenException(string.Format(Resources.WebText.OutOfScope, county));
        }

        if (category is not null)
        {
            var code = (Categories.Parse(category) ?? throw new ArgumentException(string.Format(Resources.WebText.CategoryUnknown, category))).Code();
            results = results.Where(result => result.Category == code).OrderBy(result => result.RankInCategory);
        }

        if (county is not null)
        {
            results = results.Where(result => result.CountyCode == county).OrderBy(result => result.RankInCounty);
        }

        return results.ToArray();
    }

    /// <summary>The same rows as a CSV or XLSX download.</summary>
    public static async Task<FileContentHttpResult> ExportAsync(int year, string? level, string? category, string? county, string? format, HttpContext http,
        Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (format is not (null or "csv" or "xlsx"))
        {
            throw new ArgumentException(string.Format(Resources.WebText.ExportFormatUnknown, format));
        }

        var results = await RankedAsync(year, level, category, county, http, database, clock, cancellationToken);
        var name = $"assessment-{year}-{level ?? "institution"}";
        if (format == "xlsx")
        {
            using var stream = new MemoryStream();
            ResultExport.WriteXlsx(stream, results);
            return TypedResults.File(stream.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx");
        }

        await using var writer = new StringWriter();
        ResultExport.WriteCsv(writer, results);
        // A byte-order mark, so that Excel opens the Chinese text as UTF-8.
        return TypedResults.File([.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(writer.ToString())], "text/csv; charset=utf-8",
            name + ".csv");
    }

    /// <summary>Every rule of every stage for one institution or county in the user's scope: points, maximum, and the inputs that decided.</summary>
    public static async Task<Ok<Explanation>> ExplainAsync(int year, string code, string? level, HttpContext http, Database database, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await http.User.ToUser().DemandAsync(code, database, cancellationToken);
        return TypedResults.Ok(await new AssessmentService(database, clock).ExplainAsync(year, code, level ?? "institution", cancellationToken));
    }
}
