using Microsoft.AspNetCore.Antiforgery;

namespace Assessment.Web.Api;

/// <summary>
/// The JSON API is authenticated by the same cookie as the pages, so every request that changes something must carry
/// the antiforgery token in the <see cref="HeaderName"/> header (from <c>GET /api/account/antiforgery</c>).
/// </summary>
public sealed class AntiforgeryCheck(IAntiforgery antiforgery) : IEndpointFilter
{
    public const string HeaderName = "X-CSRF-TOKEN";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            try
            {
                await antiforgery.ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return TypedResults.Problem(Resources.WebText.AntiforgeryMissing, statusCode: StatusCodes.Status400BadRequest);
            }
        }

        return await next(context);
    }
}
