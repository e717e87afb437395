using Assessment.Data;
using Assessment.Import;
using Assessment.Indicators;
using Assessment.Rules;
using Assessment.Workflows;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Assessment.Web.Api;

/// <summary>
/// Turns the library's errors into problem details a client can act on: what is wrong (every problem, for files and
/// rule sets), with 400 for bad input, 404 for what does not exist, 409 for a concurrent change.
/// </summary>
public sealed class ProblemHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        // The middleware may already have pointed the request at the error page: the path asked for is in the feature.
        var path = http.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? http.Request.Path.Value ?? "";
        if (!path.StartsWith("/api/", StringComparison.Ordinal))
        {
            return false; // pages show the error page
        }

        var (status, details) = Classify(exception);
        if (status == 0)
        {
            return false;
        }

        http.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            Exception = exception,
            ProblemDetails = new ProblemDetails
            {
                Status = status,
                Title = details.Count > 0 ? details[0] : exception.Message,
                Detail = string.Join(Environment.NewLine, details),
                Extensions = { ["errors"] = details },
            },
        });
    }

    /// <summary>The status and the messages of one of our errors; (0, []) for anything else (a bug: 500, not shown).</summary>
    public static (int Status, IReadOnlyList<string> Details) Classify(Exception exception) => exception switch
        {
            WorkflowConflictException e => (StatusCodes.Status409Conflict, (IReadOnlyList<string>)[e.Message]),
            WorkflowException e => (StatusCodes.Status400BadRequest, e.Problems),
            RuleSetException e => (StatusCodes.Status400BadRequest, e.Problems),
            ImportFileException e => (StatusCodes.Status400BadRequest, [e.Message]),
            FactorTableException e => (StatusCodes.Status400BadRequest, e.Problems),
            RuleEvaluationException e => (StatusCodes.Status400BadRequest, [e.Message]),
            NotFoundException e => (StatusCodes.Status404NotFound, [e.Message]),
            BadHttpRequestException e => (e.StatusCode, [e.Message]),
            ArgumentException e => (StatusCodes.Status400BadRequest, [e.Message]),
            DatabaseException e => (StatusCodes.Status503ServiceUnavailable, [e.Message]),
            ForbiddenException e => (StatusCodes.Status403Forbidden, [e.Message]),
            _ => (0, []),
        };
}

/// <summary>Something asked for does not exist (or is outside the user's scope, which looks the same from outside).</summary>
public sealed class NotFoundException(string message) : Exception(message);

/// <summary>The user's role may not do this at all (403), as opposed to something outside their scope (404).</summary>
public sealed class ForbiddenException(string message) : Exception(message);
