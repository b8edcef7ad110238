using Chat.Contracts.Errors;

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
        var row = ErrorCatalog.ByHttpStatus(status);
        problem.Detail ??= status switch
        {
            // Statuses only the framework writes: bad requests with a more useful reason than the catalog's.
            StatusCodes.Status405MethodNotAllowed => "This method is not allowed here.",
            StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON (Content-Type: application/json).",
            _ when row.HttpStatus == status => row.DefaultMessage,
            _ => problem.Title,
        };
        problem.Extensions.TryAdd("code", row.WireCode);
    }
}
