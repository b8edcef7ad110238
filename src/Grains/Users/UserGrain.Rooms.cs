using Chat.Conversations;
using Chat.Errors;
using Microsoft.Extensions.Logging;

namespace Chat.Grains.Users;

// A new user's first membership.
public sealed partial class UserGrain
{
    /// <summary>Every new user is a member of this room (one of the default rooms).</summary>
    public const string DefaultRoomId = "general";

    /// <summary>
    /// Makes the new user a member of <see cref="DefaultRoomId"/>. Registration does not fail for it: a system without
    /// that room (or an unreachable one) logs it, and the user can still join later.
    /// </summary>
    private async Task JoinDefaultRoomAsync()
    {
        try
        {
            await GrainFactory.GetGrain<IRoomMembersGrain>(DefaultRoomId).JoinMember(UserId);
        }
        catch (Exception exception) when (exception is ChatException or TimeoutException or OrleansException)
        {
            LogDefaultRoomFailed(logger, UserId, DefaultRoomId, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "New user {UserId} could not be made a member of {RoomId}: {Reason}")]
    private static partial void LogDefaultRoomFailed(ILogger logger, string userId, string roomId, string reason);
}
