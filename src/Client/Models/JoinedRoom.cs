using MessagePack;

namespace Chat.Client;

/// <summary>What <c>JoinRoom</c> answers: the room, who is online (the caller included) and the room's newest seq.</summary>
[MessagePackObject]
public sealed record JoinedRoom(
    [property: Key("room")] RoomInfo Room,
    [property: Key("onlineUsers")] IReadOnlyList<OnlineUser> OnlineUsers,
    [property: Key("lastSeq")] long LastSeq);
