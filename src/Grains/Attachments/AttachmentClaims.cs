using Chat.Attachments;
using Chat.Errors;

namespace Chat.Grains.Attachments;

/// <summary>The one rule of claiming, for every store: whose upload may be posted where.</summary>
internal static class AttachmentClaims
{
    /// <summary>Throws BadRequest unless <paramref name="stored"/> is a complete upload of <paramref name="userId"/> not posted to another room.</summary>
    public static void Check(string id, StoredAttachment? stored, string userId, string roomId)
    {
        if (stored is null || !stored.Complete || stored.UploaderId != userId)
        {
            throw ChatException.BadRequest($"Attachment '{id}' is not an upload of yours.");
        }
        if (stored.RoomId is { } posted && posted != roomId)
        {
            throw ChatException.BadRequest($"Attachment '{id}' was already posted in another room.");
        }
    }
}
