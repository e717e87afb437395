using System.Security.Claims;
using Assessment.Data;
using Assessment.Web.Auth;
using Assessment.Workflows;

namespace Assessment.Web.Pages;

/// <summary>Firing a workflow step from a page: the engine checks everything; the page shows what happened or why not.</summary>
public static class Steps
{
    /// <summary>(message, null) when the step was taken; (null, error) when it was refused.</summary>
    public static async Task<(string? Message, string? Error)> FireAsync(Database database, TimeProvider clock, ClaimsPrincipal principal, long id, string trigger,
        string? comment, CancellationToken cancellationToken)
    {
        var service = new WorkflowService(database, clock);
        try
        {
            var (instance, definition, _) = await service.HistoryAsync(id, cancellationToken);
            var user = principal.ToUser();
            await user.DemandAsync(instance.SubjectCode, database, cancellationToken);
            var transition = await service.FireAsync(id, trigger, user.Username, comment, cancellationToken);
            return (string.Format(Resources.WebText.StepTaken, instance.SubjectCode, definition.Trigger(trigger)?.Label.Current ?? trigger,
                definition.State(transition.To)?.Label.Current ?? transition.To), null);
        }
        catch (WorkflowException e)
        {
            return (null, string.Join(" ", e.Problems));
        }
        catch (Exception e) when (e is WorkflowConflictException or Api.NotFoundException or Api.ForbiddenException)
        {
            return (null, e.Message);
        }
    }
}
