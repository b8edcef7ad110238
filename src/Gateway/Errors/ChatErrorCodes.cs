using Chat.Errors;

namespace Chat.Gateway.Errors;

/// <summary>How the catalog's codes appear on the HTTP-based transports (REST status, WebSocket and hub <c>code</c>).</summary>
public static class ChatErrorCodes
{
    /// <summary>The snake_case code of docs/PROTOCOL.md (<c>bad_request</c>, <c>rate_limited</c>, ...).</summary>
    public static string ToWireCode(this ChatErrorCode code) => code switch
    {
        ChatErrorCode.BadRequest or ChatErrorCode.PayloadTooLarge => "bad_request",
        ChatErrorCode.Unauthorized => "unauthorized",
        ChatErrorCode.Forbidden => "forbidden",
        ChatErrorCode.NotFound => "not_found",
        ChatErrorCode.Conflict => "conflict",
        ChatErrorCode.RateLimited => "rate_limited",
        ChatErrorCode.Unavailable => "unavailable",
        _ => "internal",
    };

    public static int ToHttpStatus(this ChatErrorCode code) => code switch
    {
        ChatErrorCode.BadRequest => StatusCodes.Status400BadRequest,
        ChatErrorCode.Unauthorized => StatusCodes.Status401Unauthorized,
        ChatErrorCode.Forbidden => StatusCodes.Status403Forbidden,
        ChatErrorCode.NotFound => StatusCodes.Status404NotFound,
        ChatErrorCode.Conflict => StatusCodes.Status409Conflict,
        ChatErrorCode.RateLimited => StatusCodes.Status429TooManyRequests,
        ChatErrorCode.Unavailable => StatusCodes.Status503ServiceUnavailable,
        ChatErrorCode.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status500InternalServerError,
    };
}
