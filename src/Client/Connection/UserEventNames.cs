using Chat.Contracts;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Client.Connection;

/// <summary>The hub's user events (docs/PROTOCOL.md, "Membership, read state, direct messages") and their payloads.</summary>
internal static class UserEventNames
{
    public const string RoomAdded = "RoomAdded";
    public const string RoomRemoved = "RoomRemoved";
    public const string RoomUpdated = "RoomUpdated";
    public const string ReadUpdated = "ReadUpdated";

    public static void Register(HubConnection hub, IChatConnectionEvents events)
    {
        hub.On<RoomChangedDto>(RoomAdded, change => events.OnUserEvent(RoomAdded, change));
        hub.On<RoomRemovedDto>(RoomRemoved, change => events.OnUserEvent(RoomRemoved, change));
        hub.On<RoomChangedDto>(RoomUpdated, change => events.OnUserEvent(RoomUpdated, change));
        hub.On<ReadUpdatedDto>(ReadUpdated, change => events.OnUserEvent(ReadUpdated, change));
    }
}
