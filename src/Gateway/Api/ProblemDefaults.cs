using Chat.Errors;
using Chat.Gateway.Errors;

namespace Chat.Gateway.Api;

/// <summary>
/// Gives every problem response a readable <c>detail</c> and the catalog's <c>code</c>, including those the
/// framework writes on its own (an unknown path, a body over the size limit, a missing token).
/// </summary>
public static class ProblemDefaults
{
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        problem.Detail ??= status switch
        {
            StatusCodes.Status400BadRequest => "The request could not be read.",
            StatusCodes.Status401Unauthorized => "A valid bearer token is required.",
            StatusCodes.Status403Forbidden => "Not allowed.",
            StatusCodes.Status404NotFound => "Not found.",
            StatusCodes.Status405MethodNotAllowed => "This method is not allowed here.",
            StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
            StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON (Content-Type: application/json).",
            StatusCodes.Status429TooManyRequests => "Too many requests; try again later.",
            StatusCodes.Status503ServiceUnavailable => "The chat cluster is unavailable; try again shortly.",
            _ => problem.Title,
        };
        problem.Extensions.TryAdd("code", CodeFor(status).ToWireCode());
    }

    private static ChatErrorCode CodeFor(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => ChatErrorCode.Unauthorized,
        StatusCodes.Status403Forbidden => ChatErrorCode.Forbidden,
        StatusCodes.Status404NotFound => ChatErrorCode.NotFound,
        StatusCodes.Status409Conflict => ChatErrorCode.Conflict,
        StatusCodes.Status429TooManyRequests => ChatErrorCode.RateLimited,
        StatusCodes.Status503ServiceUnavailable => ChatErrorCode.Unavailable,
        >= 500 => ChatErrorCode.Internal,
        _ => ChatErrorCode.BadRequest,
    };
}
