using Assessment.Data;
using Assessment.Web.Auth;
using Assessment.Workflows;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Assessment.Web.Api;

/// <summary><c>/api/workflows</c>: the user's inbox, an instance with its history and diagram, firing a step, the year's state.</summary>
public static class WorkflowApi
{
    /// <summary>A step to take on an instance.</summary>
    public sealed record FireRequest(string Trigger, string? Comment = null);

    /// <summary>What waits for the user.</summary>
    public sealed record InboxEntry(long Id, string Code, string Name, int Year, string State, string StateLabel, IReadOnlyList<Step> Steps,
        DateOnly? Deadline, bool Overdue);

    /// <summary>A trigger the user may fire.</summary>
    public sealed record Step(string Trigger, string Label, bool RequiresComment);

    /// <summary>An instance, its transitions, and its diagram (Mermaid) with the current state highlighted.</summary>
    public sealed record InstanceView(WorkflowInstance Instance, string Title, string StateLabel, IReadOnlyList<WorkflowTransition> Transitions, string Diagram);

    public static RouteGroupBuilder MapWorkflowApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workflows").WithTags("workflows").RequireAuthorization(Policies.Workflow).AddEndpointFilter<AntiforgeryCheck>();
        group.MapGet("/inbox", InboxAsync);
        group.MapGet("/instances/{id:long}", InstanceAsync);
        group.MapPost("/instances/{id:long}/fire", FireAsync);
        group.MapGet("/status/{year:int}", async (int year, Database database, TimeProvider clock, CancellationToken cancellationToken) =>
            TypedResults.Ok(await new WorkflowService(database, clock).StatusAsync(year, cancellationToken))).RequireAuthorization(Policies.Bureau);
        group.MapPost("/open/{year:int}", async (int year, Database database, TimeProvider clock, CancellationToken cancellationToken) =>
            TypedResults.Ok(await new WorkflowService(database, clock).OpenYearAsync(year,
                Rules.RulesDirectory.Workflows() ?? throw new DirectoryNotFoundException("workflows"), cancellationToken))).RequireAuthorization(Policies.Bureau);
        return group;
    }

    /// <summary>What the signed-in user may act on now.</summary>
    public static async Task<Ok<InboxEntry[]>> InboxAsync(int? year, HttpContext http, Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var items = await new WorkflowService(database, clock).InboxAsync(http.User.ToUser(), year, cancellationToken);
        return TypedResults.Ok(items.Select(item => new InboxEntry(item.Instance.Id, item.Instance.SubjectCode, item.SubjectName, item.Instance.Year,
            item.Instance.State, item.StateLabel, item.Triggers.Select(t => new Step(t.Id, t.Label.Current, t.RequiresComment)).ToArray(),
            item.Deadline, item.Overdue)).ToArray());
    }

    /// <summary>One instance in the user's scope (404 outside it).</summary>
    public static async Task<Ok<InstanceView>> InstanceAsync(long id, HttpContext http, Database database, TimeProvider clock, CancellationToken cancellationToken)
    {
        var (instance, definition, transitions) = await LoadAsync(id, http, database, clock, cancellationToken);
        return TypedResults.Ok(new InstanceView(instance, definition.Title.Current, definition.State(instance.State)?.Label.Current ?? instance.State, transitions,
            WorkflowMachine.Diagram(definition, instance.State)));
    }

    /// <summary>Fires a step as the signed-in user; every check of the engine applies (role, state, scope, comment, guard).</summary>
    public static async Task<Ok<WorkflowTransition>> FireAsync(long id, FireRequest request, HttpContext http, Database database, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        await LoadAsync(id, http, database, clock, cancellationToken);
        return TypedResults.Ok(await new WorkflowService(database, clock).FireAsync(id, request.Trigger, http.User.ToUser().Username, request.Comment,
            cancellationToken));
    }

    private static async Task<(WorkflowInstance, WorkflowDefinition, IReadOnlyList<WorkflowTransition>)> LoadAsync(long id, HttpContext http, Database database,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var service = new WorkflowService(database, clock);
        try
        {
            var found = await service.HistoryAsync(id, cancellationToken);
            await http.User.ToUser().DemandAsync(found.Instance.SubjectCode, database, cancellationToken);
            return found;
        }
        catch (WorkflowException)
        {
            throw new NotFoundException(string.Format(Resources.WebText.InstanceNotFound, id));
        }
    }
}
