namespace Chat.Client;

/// <summary>Why a call failed: the server's error codes (docs/PROTOCOL.md), plus a lost connection.</summary>
public enum ChatError
{
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    RateLimited,
    /// <summary>The store or the cluster is down for a moment; the same call may succeed when retried.</summary>
    Unavailable,
    Internal,
    /// <summary>The connection closed before the answer came; whether the server acted is unknown.</summary>
    ConnectionLost,
}

/// <summary>A call the server refused or could not serve.</summary>
public sealed class ChatClientException(ChatError error, string message, Exception? innerException = null)
    : Exception(message, innerException)
{
    public ChatError Error { get; } = error;

    /// <summary>
    /// True when repeating the same call may succeed (<see cref="ChatError.Unavailable"/>,
    /// <see cref="ChatError.ConnectionLost"/>). The client retries these itself where it is safe (sends carry a
    /// client message id, so a retry is never stored twice).
    /// </summary>
    public bool IsTransient => Error is ChatError.Unavailable or ChatError.ConnectionLost;

    /// <summary>The error of a wire code (<c>bad_request</c>, <c>unavailable</c>, ...); unknown codes are <see cref="ChatError.Internal"/>.</summary>
    public static ChatError FromWireCode(string code) => code switch
    {
        "bad_request" => ChatError.BadRequest,
        "unauthorized" => ChatError.Unauthorized,
        "forbidden" => ChatError.Forbidden,
        "not_found" => ChatError.NotFound,
        "conflict" => ChatError.Conflict,
        "rate_limited" => ChatError.RateLimited,
        "unavailable" => ChatError.Unavailable,
        _ => ChatError.Internal,
    };

    /// <summary>The error of an HTTP status of the REST API.</summary>
    public static ChatError FromHttpStatus(int status) => status switch
    {
        400 or 413 => ChatError.BadRequest,
        401 => ChatError.Unauthorized,
        403 => ChatError.Forbidden,
        404 => ChatError.NotFound,
        409 => ChatError.Conflict,
        429 => ChatError.RateLimited,
        502 or 503 or 504 => ChatError.Unavailable,
        _ => ChatError.Internal,
    };
}
