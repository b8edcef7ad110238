using Chat.Contracts;
using Chat.Gateway.Application;
using Chat.Gateway.Auth;
using Chat.Gateway.Hosting;
using Chat.Gateway.Mapping;
using Chat.Gateway.Observability;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Gateway.Api;

/// <summary>
/// <c>/chat</c>: rooms, members, messages and who is online. Every endpoint needs a valid token. (Named apart from
/// the web app's <c>ChatApi</c> client.)
/// </summary>
public static class ChatRoomsApi
{
    public static RouteGroupBuilder MapChatRoutes(this IEndpointRouteBuilder endpoints)
    {
        var chat = endpoints.MapGroup("/chat").RequireAuthorization();
        chat.MapGet("/rooms", ListRooms)
            .WithName("ListRooms").WithSummary("Public rooms and the caller's private rooms.").ProducesProblems(401, 503);
        chat.MapPost("/rooms", CreateRoom)
            .WithName("CreateRoom").WithSummary("Create a room (id derived from the name when absent; public unless isPublic is false).").ProducesProblems(400, 401, 409, 413, 503);
        chat.MapPost("/rooms/{roomId}/members", AddMember)
            .WithName("AddMember").WithSummary("Add a user to a private room (its creator only).").ProducesProblems(400, 401, 403, 404, 413, 503);
        chat.MapGet("/rooms/{roomId}/messages", GetMessages)
            .WithName("GetMessages").WithSummary("A page of history, ascending by seq (exclusive cursors; limit 50 by default, at most 200).").ProducesProblems(400, 401, 404, 503);
        chat.MapGet("/rooms/{roomId}/users", GetOnlineUsers)
            .WithName("GetOnlineUsers").WithSummary("Who is online in the room now.").ProducesProblems(400, 401, 404, 503);
        chat.MapPost("/messages", SendMessage)
            .WithName("SendMessage").WithSummary("Store a message (201) and push it live; a retry with a known clientMessageId returns the original (200).").ProducesProblems(400, 401, 404, 413, 429, 503);
        return chat;
    }

    public static async Task<Ok<RoomsResponse>> ListRooms(HttpContext context, IChatApplication chat)
    {
        var rooms = await chat.ListRoomsAsync(context.Caller(), context.RequestAborted);
        return TypedResults.Ok(new RoomsResponse([.. rooms.Select(room => room.ToDto())]));
    }

    public static async Task<Created<RoomDto>> CreateRoom(CreateRoomBody? body, HttpContext context, IChatApplication chat)
    {
        var request = new CreateRoomRequest(body?.Id, body?.Name, body?.Description, body?.IsPublic ?? true);
        var room = await chat.CreateRoomAsync(context.Caller(), request, context.RequestAborted);
        return TypedResults.Created($"/chat/rooms/{room.Id}", room.ToDto());
    }

    public static async Task<NoContent> AddMember(string roomId, AddMemberRequest? request, HttpContext context, IChatApplication chat)
    {
        await chat.AddMemberAsync(context.Caller(), roomId, request?.Username, context.RequestAborted);
        return TypedResults.NoContent();
    }

    /// <summary>201 for a new message; 200 with the original for a retry of a known clientMessageId.</summary>
    public static async Task<Results<Created<MessageDto>, Ok<MessageDto>>> SendMessage(SendMessageRequest? request, HttpContext context, IChatApplication chat)
    {
        var result = await chat.SendMessageAsync(context.Caller(), request?.RoomId, request?.Content, request?.ClientMessageId, request?.ReplyToSeq, context.RequestAborted);
        var message = result.Message.ToDto();
        return result.Created
            ? TypedResults.Created($"/chat/rooms/{message.RoomId}/messages?afterSeq={message.Seq - 1}&limit=1", message)
            : TypedResults.Ok(message);
    }

    public static async Task<Ok<MessagesResponse>> GetMessages(string roomId, long? beforeSeq, long? afterSeq, int? limit, HttpContext context, IChatApplication chat)
    {
        var messages = await chat.GetMessagesAsync(context.Caller(), roomId, beforeSeq, afterSeq, limit, context.RequestAborted);
        return TypedResults.Ok(new MessagesResponse(messages.ToDtos()));
    }

    public static async Task<Ok<OnlineUsersResponse>> GetOnlineUsers(string roomId, HttpContext context, IChatApplication chat)
    {
        var users = await chat.GetOnlineUsersAsync(context.Caller(), roomId, context.RequestAborted);
        return TypedResults.Ok(new OnlineUsersResponse(users.ToDtos()));
    }
}
