using Chat.Contracts.Errors;
using Chat.Errors;

namespace Chat.Gateway.Errors;

/// <summary>Where the cluster's <see cref="ChatErrorCode"/> meets the error catalog: each code has its row of the same name.</summary>
public static class ChatErrorDescriptions
{
    public static ErrorDescriptor Describe(this ChatErrorCode code) => code switch
    {
        ChatErrorCode.BadRequest => ErrorCatalog.BadRequest,
        ChatErrorCode.Unauthorized => ErrorCatalog.Unauthorized,
        ChatErrorCode.Forbidden => ErrorCatalog.Forbidden,
        ChatErrorCode.NotFound => ErrorCatalog.NotFound,
        ChatErrorCode.Conflict => ErrorCatalog.Conflict,
        ChatErrorCode.RateLimited => ErrorCatalog.RateLimited,
        ChatErrorCode.Unavailable => ErrorCatalog.Unavailable,
        ChatErrorCode.PayloadTooLarge => ErrorCatalog.PayloadTooLarge,
        _ => ErrorCatalog.Internal,
    };

    /// <summary>The refusal of a catalog row with its default message.</summary>
    public static ChatException ToException(this ErrorDescriptor row) =>
        new(Enum.Parse<ChatErrorCode>(row.Name), row.DefaultMessage);
}
