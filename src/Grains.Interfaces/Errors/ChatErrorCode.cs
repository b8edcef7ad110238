namespace Chat.Errors;

/// <summary>
/// The one error catalog. Each transport translates a code exactly once:
/// REST status / WebSocket <c>error.code</c> / gRPC status.
/// </summary>
[GenerateSerializer, Alias("chat.ChatErrorCode")]
public enum ChatErrorCode
{
    /// <summary>400 / bad_request / INVALID_ARGUMENT.</summary>
    BadRequest = 0,
    /// <summary>401 / unauthorized / UNAUTHENTICATED.</summary>
    Unauthorized = 1,
    /// <summary>403 / forbidden / PERMISSION_DENIED.</summary>
    Forbidden = 2,
    /// <summary>404 / not_found / NOT_FOUND (also for rooms the caller may not see).</summary>
    NotFound = 3,
    /// <summary>409 / conflict / ALREADY_EXISTS.</summary>
    Conflict = 4,
    /// <summary>429 / rate_limited / RESOURCE_EXHAUSTED. Nothing was stored.</summary>
    RateLimited = 5,
    /// <summary>503 / unavailable / UNAVAILABLE: a store or the cluster is down; safe to retry.</summary>
    Unavailable = 6,
    /// <summary>500 / internal / INTERNAL.</summary>
    Internal = 7,
    /// <summary>413 / bad_request / INVALID_ARGUMENT: a body over the size limit.</summary>
    PayloadTooLarge = 8,
}
