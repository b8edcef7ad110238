using Chat.Contracts;
using Chat.Gateway.Application.Conversations;
using Chat.Gateway.Mapping;
using Microsoft.AspNetCore.Mvc;

namespace Chat.Gateway.Hubs;

// Membership, read state, direct messages and room administration on the hub: the same commands as REST
// (docs/PROTOCOL.md, "Membership, read state, direct messages"); their events are IUserEventsClient.
public sealed partial class ChatHub
{
    public async Task<MyRoomDto[]> GetMyRooms([FromServices] IConversations conversations) =>
        [.. (await conversations.ListMyRoomsAsync(Caller, Context.ConnectionAborted)).Select(room => room.ToDto())];

    /// <summary>Membership (<c>POST /chat/rooms/{roomId}/join</c>), not the live <see cref="JoinRoom"/>.</summary>
    public async Task<RoomDto> JoinMembership(string roomId, [FromServices] IConversations conversations) =>
        (await conversations.JoinAsync(Caller, roomId, Context.ConnectionAborted)).ToDto();

    public Task LeaveMembership(string roomId, [FromServices] IConversations conversations) =>
        conversations.LeaveAsync(Caller, roomId, Context.ConnectionAborted);

    public async Task<ReadUpdatedDto> MarkRead(string roomId, long? seq, [FromServices] IConversations conversations) =>
        (await conversations.MarkReadAsync(Caller, roomId, seq, Context.ConnectionAborted)).ToDto();

    public async Task<RoomDto> OpenDm(string username, [FromServices] IConversations conversations) =>
        (await conversations.OpenDirectAsync(Caller, username, Context.ConnectionAborted)).ToDto();

    public async Task<RoomDto> UpdateRoom(string roomId, string? name, string? description, [FromServices] IConversations conversations) =>
        (await conversations.UpdateRoomAsync(Caller, roomId, name, description, Context.ConnectionAborted)).ToDto();

    public Task RemoveMember(string roomId, string userId, [FromServices] IConversations conversations) =>
        conversations.RemoveMemberAsync(Caller, roomId, userId, Context.ConnectionAborted);

    public Task DeleteRoom(string roomId, [FromServices] IConversations conversations) =>
        conversations.DeleteRoomAsync(Caller, roomId, Context.ConnectionAborted);
}
