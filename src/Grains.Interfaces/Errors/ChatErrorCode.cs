namespace Chat.Errors;

/// <summary>
/// The kinds of refusal a grain or the gateway raises. Each has the row of the same name in the error catalog
/// (<c>Chat.Contracts.Errors.ErrorCatalog</c>: HTTP status, gRPC status, wire code, default message), through which
/// every transport translates it exactly once. Values are serialized: never renumber.
/// </summary>
[GenerateSerializer, Alias("chat.ChatErrorCode")]
public enum ChatErrorCode
{
    BadRequest = 0,
    Unauthorized = 1,
    Forbidden = 2,
    /// <summary>Also for rooms the caller may not see.</summary>
    NotFound = 3,
    Conflict = 4,
    /// <summary>Nothing was stored.</summary>
    RateLimited = 5,
    /// <summary>A store or the cluster is down; safe to retry.</summary>
    Unavailable = 6,
    Internal = 7,
    /// <summary>A body over the size limit.</summary>
    PayloadTooLarge = 8,
}
