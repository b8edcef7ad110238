using Chat.Errors;
using Chat.Gateway.Application.Presence;
using Chat.Rooms;

namespace Chat.Gateway.Application;

// Typing indicators and profiles with global presence. Connect and disconnect report presence (ChatApplication.cs).
public sealed partial class ChatApplication
{
    public async Task TypingAsync(Caller caller, string? roomId, CancellationToken cancellationToken = default)
    {
        ChatRules.ValidateRoomId(roomId);
        RequireConnection(caller);
        if (!typing.ShouldAsk(caller.UserId, roomId))
        {
            return;
        }
        await cluster.GetGrain<IRoomTyping>(roomId).Typing(caller.UserId, caller.Username).WaitAsync(cancellationToken);
        typing.Record(caller.UserId, roomId);
    }

    public Task<PublicProfile> GetProfileAsync(Caller caller, string? userId, CancellationToken cancellationToken = default) =>
        getProfiles.HandleOneAsync(userId, cancellationToken);

    public Task<IReadOnlyList<PublicProfile>> GetProfilesAsync(Caller caller, IEnumerable<string?>? userIds, CancellationToken cancellationToken = default) =>
        getProfiles.HandleAsync(userIds, cancellationToken);
}
