using Assessment.Assessing;
using Assessment.Data;
using Assessment.Rules;
using Assessment.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessment.Web.Api;

/// <summary><c>/api/rules</c> (bureau): the published versions, a version's text, and a draft validated, simulated on a past year, published.</summary>
public static class RulesApi
{
    /// <summary>A draft rule set: the text of a rule-set file.</summary>
    public sealed record Draft(string Text);

    /// <summary>One published version.</summary>
    public sealed record Version(string Id, string ContentHash, int Seq, string VersionLabel, string Kind, string Level, int FirstYear, string Title,
        DateTime PublishedAt);

    /// <summary>What checking a draft found: every problem, and each example's result.</summary>
    public sealed record Check(bool Passed, string? Id, IReadOnlyList<string> Problems, IReadOnlyList<ExampleResult> Examples);

    /// <summary>What publishing stored.</summary>
    public sealed record Published(string Id, string ContentHash, bool New);

    public static RouteGroupBuilder MapRulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/rules").WithTags("rules").RequireAuthorization(Policies.Bureau).AddEndpointFilter<AntiforgeryCheck>();
        group.MapGet("/", async (Database database, CancellationToken cancellationToken) =>
        {
            await using var session = await database.OpenAsync(cancellationToken);
            return TypedResults.Ok((await new RuleSetRepository(session).ListAsync(cancellationToken))
                .Select(v => new Version(v.RuleSetId, v.ContentHash, v.Seq, v.Version, v.Kind, v.Level, v.FirstYear, v.Title, v.PublishedAt)).ToArray());
        });
        group.MapGet("/{id}/text", async (string id, Database database, CancellationToken cancellationToken) =>
            TypedResults.Text(await LatestTextAsync(database, id, cancellationToken), "application/json; charset=utf-8"));
        group.MapPost("/validate", (Draft draft) => TypedResults.Ok(Validate(draft.Text)));
        group.MapPost("/simulate", SimulateAsync);
        group.MapPost("/publish", PublishAsync);
        return group;
    }

    /// <summary>The text of the latest published version of <paramref name="id"/>.</summary>
    public static async Task<string> LatestTextAsync(Database database, string id, CancellationToken cancellationToken)
    {
        await using var session = await database.OpenAsync(cancellationToken);
        return (await new RuleSetRepository(session).ListAsync(cancellationToken)).Where(v => v.RuleSetId == id).MaxBy(v => v.Seq)?.Document
               ?? throw new NotFoundException(string.Format(Resources.WebText.RuleSetNotFound, id));
    }

    /// <summary>Checks a draft as <c>assessment rules validate</c> does.</summary>
    public static Check Validate(string text)
    {
        var result = RuleSetValidation.CheckText(text, Resources.WebText.DraftSource);
        return new Check(result.Passed, result.RuleSet?.Id, result.Problems, result.Examples);
    }

    /// <summary>What a draft would change for a past year, storing nothing; a draft with problems is refused with them.</summary>
    public static async Task<Ok<Simulation>> SimulateAsync(Draft draft, int year, SimulationCache simulations, CancellationToken cancellationToken)
    {
        var set = Compiled(draft.Text);
        return TypedResults.Ok(await simulations.SimulateAsync(set, year, cancellationToken: cancellationToken));
    }

    /// <summary>Publishes a draft whose checks all pass.</summary>
    public static async Task<Ok<Published>> PublishAsync(Draft draft, Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var set = Compiled(draft.Text);
        await using var session = await database.OpenAsync(cancellationToken);
        var added = await new RuleSetRepository(session).PublishAsync(set, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return TypedResults.Ok(new Published(set.Id, set.ContentHash, added));
    }

    private static CompiledRuleSet Compiled(string text)
    {
        var result = RuleSetValidation.CheckText(text, Resources.WebText.DraftSource);
        return result.Passed ? result.RuleSet! : throw new RuleSetException(result.Problems);
    }
}
