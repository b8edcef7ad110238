using Chat.Contracts;
using Chat.Gateway.Application.Presence;
using Chat.Messages;
using Chat.Rooms;
using Chat.Users;

namespace Chat.Gateway.Mapping;

/// <summary>From the cluster's records to the public shapes; the one place where the two meet.</summary>
public static class DtoMapping
{
    public static MessageDto ToDto(this ChatMessage m) =>
        new(m.Id, m.RoomId, m.Seq, m.UserId, m.Username, m.Content, m.MessageType, m.CreatedAt, m.ClientMessageId, m.Mentions ?? []);

    public static RoomDto ToDto(this RoomInfo r) =>
        new(r.Id, r.Name, r.Description, r.IsPublic, r.CreatedBy, r.CreatedAt, r.Kind.ToWire(), r.OwnerId, r.MemberCount, r.DirectUserIds);

    public static UserDto ToDto(this UserProfile u) =>
        new(u.Id, u.Username, u.Email, u.DisplayName, u.Avatar, u.CreatedAt);

    public static OnlineUserDto ToDto(this OnlineUser u) => new(u.UserId, u.Username);

    public static ProfileDto ToDto(this PublicProfile p) =>
        new(p.Profile.Id, p.Profile.Username, p.Profile.DisplayName, p.Profile.Avatar, p.Presence.Online, p.Presence.LastSeenAt);

    public static JoinedRoomDto ToDto(this JoinResult j) => new(j.Room.ToDto(), j.OnlineUsers.ToDtos(), j.LastSeq);

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
