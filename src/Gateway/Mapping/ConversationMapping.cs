using Chat.Contracts;
using Chat.Conversations;
using Chat.Rooms;

namespace Chat.Gateway.Mapping;

/// <summary>Membership and read state, from the cluster's records to the public shapes.</summary>
public static class ConversationMapping
{
    public static string ToWire(this RoomKind kind) => kind switch
    {
        RoomKind.Private => RoomKinds.Private,
        RoomKind.Dm => RoomKinds.Dm,
        _ => RoomKinds.Public,
    };

    public static MyRoomDto ToDto(this RoomListing listing)
    {
        var (summary, read) = (listing.Summary, listing.Read);
        var room = summary.Room;
        return new MyRoomDto(room.Id, room.Name, room.Description, room.IsPublic, room.CreatedBy, room.CreatedAt,
            room.Kind.ToWire(), room.OwnerId, room.MemberCount, room.DirectUserIds,
            summary.LastSeq, read.LastReadSeq, listing.UnreadCount, read.MentionCount, summary.LastChangeSeq,
            summary.LastMessageAt > 0 ? summary.LastMessageAt : null);
    }

    public static ReadUpdatedDto ToDto(this RoomReadState read) => new(read.RoomId, read.LastReadSeq, read.MentionCount);
}
