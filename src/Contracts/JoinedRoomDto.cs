using MessagePack;

namespace Chat.Contracts;

/// <summary>What <c>JoinRoom</c> returns: the room, who is online (the caller included) the newest seq and changeSeq.</summary>
[MessagePackObject]
public sealed record JoinedRoomDto(
    [property: Key("room")] RoomDto Room,
    [property: Key("onlineUsers")] IReadOnlyList<OnlineUserDto> OnlineUsers,
    [property: Key("lastSeq")] long LastSeq,
    [property: Key("lastChangeSeq")] long LastChangeSeq = 0);
