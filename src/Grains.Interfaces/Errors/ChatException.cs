namespace Chat.Errors;

/// <summary>
/// A refusal with a code from the catalog and a message safe to show to the client. Grains throw it,
/// the gateway's transports translate it; it crosses the cluster intact.
/// </summary>
[GenerateSerializer, Alias("chat.ChatException")]
public sealed class ChatException : Exception
{
    public ChatException(ChatErrorCode code, string message) : base(message) => Code = code;

    /// <summary>How long to wait before retrying (rate limits), if known.</summary>
    public ChatException(ChatErrorCode code, string message, TimeSpan retryAfter) : this(code, message) => RetryAfter = retryAfter;

    [Id(0)]
    public ChatErrorCode Code { get; }

    [Id(1)]
    public TimeSpan? RetryAfter { get; }

    public static ChatException BadRequest(string message) => new(ChatErrorCode.BadRequest, message);
    public static ChatException NotFound(string message) => new(ChatErrorCode.NotFound, message);
    public static ChatException Forbidden(string message) => new(ChatErrorCode.Forbidden, message);
    public static ChatException Conflict(string message) => new(ChatErrorCode.Conflict, message);
    public static ChatException Unavailable(string message) => new(ChatErrorCode.Unavailable, message);
    public static ChatException RoomNotFound(string roomId) => NotFound($"Room '{roomId}' was not found.");
}
