using System.Globalization;
using Chat.Contracts.Errors;
using Chat.Errors;
using Chat.Gateway.Errors;
using Chat.Gateway.Observability;
using Microsoft.AspNetCore.Diagnostics;

namespace Chat.Gateway.Api;

/// <summary>
/// REST's one translator from errors to RFC 7807 problem details: a catalog error keeps its status (429 with
/// <c>Retry-After</c>), a request the framework could not read (malformed JSON, a bad query value, a body over the
/// size limit) is 400 or 413 with the reason, a cluster that cannot be reached is 503, anything else 500.
/// </summary>
public sealed class ChatExceptionHandler(IProblemDetailsService problems, GatewayMetrics metrics, ILogger<ChatExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is OperationCanceledException && httpContext.RequestAborted.IsCancellationRequested)
        {
            return true;
        }

        var (row, detail) = exception switch
        {
            BadHttpRequestException bad => (ErrorCatalog.ByHttpStatus(bad.StatusCode), ReadableReason(bad)),
            _ => Translate(ChatFaults.Classify(exception, logger)),
        };

        var status = exception is BadHttpRequestException { StatusCode: var badStatus } ? badStatus : row.HttpStatus;
        httpContext.Response.StatusCode = status;
        metrics.RequestFailed(ChatTransport.Rest, row.WireCode);
        if (exception is ChatException { RetryAfter: { } retryAfter })
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }
        else if (row.IsTransient)
        {
            httpContext.Response.Headers.RetryAfter = "1";
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = status,
                Detail = detail,
                Extensions = { ["code"] = row.WireCode },
            },
        });
    }

    private static (ErrorDescriptor Row, string Detail) Translate(ChatException error) => (error.Code.Describe(), error.Message);

    /// <summary>The framework's reason without the inner exception's internals.</summary>
    private static string ReadableReason(BadHttpRequestException exception) => exception.StatusCode switch
    {
        StatusCodes.Status413PayloadTooLarge => ErrorCatalog.PayloadTooLarge.DefaultMessage,
        StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON (Content-Type: application/json).",
        _ when exception.InnerException is System.Text.Json.JsonException => "The request body is not valid JSON for this endpoint.",
        _ => exception.Message,
    };
}
