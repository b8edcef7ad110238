using Chat.Contracts;
using Chat.Errors;
using Chat.Gateway.Application.Conversations;
using Chat.Gateway.Hosting;
using Chat.Gateway.Mapping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Gateway.Api;

/// <summary>
/// Membership, read state, direct messages and room administration (docs/CONVERSATIONS.md). Every endpoint needs a
/// valid token; changes reach the caller's other devices (and other members) as user events.
/// </summary>
public static class ConversationsApi
{
    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/users/me/rooms", ListMyRooms).RequireAuthorization()
            .WithName("ListMyRooms").WithSummary("The caller's rooms (DMs included) with lastSeq, lastReadSeq, unreadCount and mentionCount.").ProducesProblems(401, 503);

        var rooms = endpoints.MapGroup("/chat").RequireAuthorization();
        rooms.MapPost("/rooms/{roomId}/join", JoinRoom)
            .WithName("JoinRoomMembership").WithSummary("Become a member of a public room (idempotent).").ProducesProblems(400, 401, 404, 503);
        rooms.MapPost("/rooms/{roomId}/leave", LeaveRoom)
            .WithName("LeaveRoomMembership").WithSummary("Stop being a member; the caller's live connections leave the room.").ProducesProblems(400, 401, 404, 409, 503);
        rooms.MapPut("/rooms/{roomId}/read", MarkRead)
            .WithName("MarkRead").WithSummary("Move the caller's read position forward (never back).").ProducesProblems(400, 401, 403, 404, 413, 503);
        rooms.MapPost("/dms", OpenDm)
            .WithName("OpenDm").WithSummary("The direct-message room with a user: the same room whoever asks.").ProducesProblems(400, 401, 404, 413, 503);
        rooms.MapPatch("/rooms/{roomId}", UpdateRoom)
            .WithName("UpdateRoom").WithSummary("Rename or describe a room (its owner only).").ProducesProblems(400, 401, 403, 404, 413, 503);
        rooms.MapDelete("/rooms/{roomId}/members/{userId}", RemoveMember)
            .WithName("RemoveMember").WithSummary("Remove a member (the owner only): they lose access and live delivery at once.").ProducesProblems(400, 401, 403, 404, 503);
        rooms.MapDelete("/rooms/{roomId}", DeleteRoom)
            .WithName("DeleteRoom").WithSummary("Delete a room (its owner only; not the default rooms).").ProducesProblems(400, 401, 403, 404, 503);
        return endpoints;
    }

    public static async Task<Ok<MyRoomsResponse>> ListMyRooms(HttpContext context, IConversations conversations)
    {
        var rooms = await conversations.ListMyRoomsAsync(context.Caller(), context.RequestAborted);
        return TypedResults.Ok(new MyRoomsResponse([.. rooms.Select(room => room.ToDto())]));
    }

    public static async Task<Ok<RoomDto>> JoinRoom(string roomId, HttpContext context, IConversations conversations) =>
        TypedResults.Ok((await conversations.JoinAsync(context.Caller(), roomId, context.RequestAborted)).ToDto());

    public static async Task<NoContent> LeaveRoom(string roomId, HttpContext context, IConversations conversations)
    {
        await conversations.LeaveAsync(context.Caller(), roomId, context.RequestAborted);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> MarkRead(string roomId, MarkReadRequest? request, HttpContext context, IConversations conversations)
    {
        await conversations.MarkReadAsync(context.Caller(), roomId, request?.Seq, context.RequestAborted);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<RoomDto>> OpenDm(OpenDmRequest? request, HttpContext context, IConversations conversations) =>
        TypedResults.Ok((await conversations.OpenDirectAsync(context.Caller(), request?.Username, context.RequestAborted)).ToDto());

    public static async Task<Ok<RoomDto>> UpdateRoom(string roomId, UpdateRoomRequest? request, HttpContext context, IConversations conversations)
    {
        if (request is null)
        {
            throw ChatException.BadRequest("The body must be a JSON object with the fields to change.");
        }
        var room = await conversations.UpdateRoomAsync(context.Caller(), roomId, request.Name, request.Description, context.RequestAborted);
        return TypedResults.Ok(room.ToDto());
    }

    public static async Task<NoContent> RemoveMember(string roomId, string userId, HttpContext context, IConversations conversations)
    {
        await conversations.RemoveMemberAsync(context.Caller(), roomId, userId, context.RequestAborted);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> DeleteRoom(string roomId, HttpContext context, IConversations conversations)
    {
        await conversations.DeleteRoomAsync(context.Caller(), roomId, context.RequestAborted);
        return TypedResults.NoContent();
    }
}
