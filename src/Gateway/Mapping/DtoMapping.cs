using Chat.Contracts;
using Chat.Messages;
using Chat.Rooms;
using Chat.Users;

namespace Chat.Gateway.Mapping;

/// <summary>From the cluster's records to the public shapes; the one place where the two meet.</summary>
public static class DtoMapping
{
    public static MessageDto ToDto(this ChatMessage m) =>
        new(m.Id, m.RoomId, m.Seq, m.UserId, m.Username, m.Content, m.MessageType, m.CreatedAt, m.ClientMessageId, m.ReactionList.ToDtos(),
            m.EditedAt, m.Deleted ? true : null, m.ReplyTo?.ToDto());

    public static RoomDto ToDto(this RoomInfo r) =>
        new(r.Id, r.Name, r.Description, r.IsPublic, r.CreatedBy, r.CreatedAt);

    public static UserDto ToDto(this UserProfile u) =>
        new(u.Id, u.Username, u.Email, u.DisplayName, u.Avatar, u.CreatedAt);

    public static OnlineUserDto ToDto(this OnlineUser u) => new(u.UserId, u.Username);

    public static JoinedRoomDto ToDto(this JoinResult j) => new(j.Room.ToDto(), j.OnlineUsers.ToDtos(), j.LastSeq, j.LastChangeSeq);

    public static PresenceDto ToPresenceDto(this RoomEvent e) =>
        new(e.RoomId, e.User?.UserId ?? "", e.User?.Username ?? "");

    public static MessageDto[] ToDtos(this IReadOnlyList<ChatMessage> messages)
    {
        var result = new MessageDto[messages.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = messages[i].ToDto();
        }
        return result;
    }

    public static OnlineUserDto[] ToDtos(this IReadOnlyList<OnlineUser> users)
    {
        var result = new OnlineUserDto[users.Count];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = users[i].ToDto();
        }
        return result;
    }
}
