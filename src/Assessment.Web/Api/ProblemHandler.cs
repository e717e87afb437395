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
        var (status, details) = exception switch
        {
            WorkflowConflictException e => (StatusCodes.Status409Conflict, (IReadOnlyList<string>)[e.Message]),
            WorkflowException e => (StatusCodes.Status400BadRequest, e.Problems),
            RuleSetException e => (StatusCodes.Status400BadRequest, e.Problems),
            ImportFileException e => (StatusCodes.Status400BadRequest, [e.Message]),
            FactorTableException e => (StatusCodes.Status400BadRequest, e.Problems),
            RuleEvaluationException e => (StatusCodes.Status400BadRequest, [e.Message]),
            NotFoundException e => (StatusCodes.Status404NotFound, [e.Message]),
            ArgumentException e => (StatusCodes.Status400BadRequest, [e.Message]),
            DatabaseException e => (StatusCodes.Status503ServiceUnavailable, [e.Message]),
            _ => (0, []),
        };
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
}

/// <summary>Something asked for does not exist (or is outside the user's scope, which looks the same from outside).</summary>
public sealed class NotFoundException(string message) : Exception(message);
