using Chat.Conversations;
using Chat.Gateway.Mapping;
using Chat.Rooms;
using V1 = Chat.Grpc.V1;

namespace Chat.Gateway.Grpc;

/// <summary>Membership and user events on the gRPC wire; shape only.</summary>
internal static class ConversationGrpcMapping
{
    public static V1.Room ToGrpc(this RoomInfo room)
    {
        var wire = new V1.Room
        {
            Id = room.Id,
            Name = room.Name,
            Description = room.Description,
            IsPublic = room.IsPublic,
            CreatedBy = room.CreatedBy,
            CreatedAt = room.CreatedAt,
            Kind = room.Kind.ToWire(),
            OwnerId = room.OwnerId ?? "",
            MemberCount = room.MemberCount,
        };
        wire.DmUserIds.AddRange(room.DirectUserIds ?? []);
        return wire;
    }

    public static V1.MyRoom ToGrpc(this RoomListing listing) => new()
    {
        Room = listing.Summary.Room.ToGrpc(),
        LastSeq = listing.Summary.LastSeq,
        LastReadSeq = listing.Read.LastReadSeq,
        UnreadCount = listing.UnreadCount,
        MentionCount = listing.Read.MentionCount,
        LastChangeSeq = listing.Summary.LastChangeSeq,
        LastMessageAt = listing.Summary.LastMessageAt,
    };

    public static V1.ReadState ToGrpc(this RoomReadState read) =>
        new() { RoomId = read.RoomId, LastReadSeq = read.LastReadSeq, MentionCount = read.MentionCount };

    public static V1.ChatEvent ToGrpc(this UserEvent userEvent) => userEvent switch
    {
        { Kind: UserEventKind.RoomAdded, Room: { } room } => new V1.ChatEvent { RoomAdded = room.ToGrpc() },
        { Kind: UserEventKind.RoomUpdated, Room: { } room } => new V1.ChatEvent { RoomUpdated = room.ToGrpc() },
        { Kind: UserEventKind.RoomRemoved } => new V1.ChatEvent { RoomRemoved = new V1.RoomRemovedEvent { RoomId = userEvent.RoomId } },
        { Kind: UserEventKind.ReadUpdated, Read: { } read } => new V1.ChatEvent { ReadUpdated = read.ToGrpc() },
        _ => throw new ArgumentException($"A {userEvent.Kind} event without its payload.", nameof(userEvent)),
    };
}
