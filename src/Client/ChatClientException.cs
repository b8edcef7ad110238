using Chat.Contracts.Errors;

namespace Chat.Client;

/// <summary>Why a call failed: the wire codes of the error catalog (<see cref="ErrorCatalog"/>), plus a lost connection.</summary>
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
    public static ChatError FromWireCode(string code) => FromCatalog(ErrorCatalog.ByWireCode(code));

    /// <summary>The error of an HTTP status of the REST API (502 and 504 from a proxy in front are <see cref="ChatError.Unavailable"/>).</summary>
    public static ChatError FromHttpStatus(int status) => FromCatalog(ErrorCatalog.ByHttpStatus(status));

    /// <summary>Each wire code's canonical catalog row has the <see cref="ChatError"/> member of the same name.</summary>
    internal static ChatError FromCatalog(ErrorDescriptor row) =>
        Enum.Parse<ChatError>(ErrorCatalog.ByWireCode(row.WireCode).Name);
}
