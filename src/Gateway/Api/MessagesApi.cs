using Chat.Contracts;
using Chat.Gateway.Application;
using Chat.Gateway.Hosting;
using Chat.Gateway.Mapping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Gateway.Api;

/// <summary>
/// <c>/chat/rooms/{roomId}/messages/{seq}</c> and <c>/chat/rooms/{roomId}/changes</c>: editing, deleting and reacting to
/// stored messages, and the room's change feed. Every change is durable before it is answered.
/// </summary>
public static class MessagesApi
{
    public static RouteGroupBuilder MapMessagesApi(this IEndpointRouteBuilder endpoints)
    {
        var rooms = endpoints.MapGroup("/chat/rooms/{roomId}").RequireAuthorization();
        rooms.MapPatch("/messages/{seq}", EditMessage)
            .WithName("EditMessage").WithSummary("Replace a message's content (its author only).").ProducesProblems(400, 401, 403, 404, 409, 413, 429, 503);
        rooms.MapDelete("/messages/{seq}", DeleteMessage)
            .WithName("DeleteMessage").WithSummary("Delete a message (its author or the room's owner): the content is removed from the store, the seq stays. Idempotent.").ProducesProblems(400, 401, 403, 404, 429, 503);
        rooms.MapPut("/messages/{seq}/reactions/{emoji}", AddReaction)
            .WithName("AddReaction").WithSummary("Add the caller's reaction (idempotent; at most 20 distinct emoji per message).").ProducesProblems(400, 401, 404, 409, 429, 503);
        rooms.MapDelete("/messages/{seq}/reactions/{emoji}", RemoveReaction)
            .WithName("RemoveReaction").WithSummary("Remove the caller's reaction (idempotent).").ProducesProblems(400, 401, 404, 409, 429, 503);
        rooms.MapGet("/changes", GetChanges)
            .WithName("GetChanges").WithSummary("The room's changes to existing messages after afterChange, ascending, each with the message as it is now (limit 50 by default, at most 200).").ProducesProblems(400, 401, 404, 503);
        return rooms;
    }

    public static async Task<Ok<MessageDto>> EditMessage(string roomId, long seq, EditMessageRequest? request, HttpContext context, IChatApplication chat)
    {
        var message = await chat.EditMessageAsync(context.Caller(), roomId, seq, request?.Content, context.RequestAborted);
        return TypedResults.Ok(message.ToDto());
    }

    public static async Task<NoContent> DeleteMessage(string roomId, long seq, HttpContext context, IChatApplication chat)
    {
        await chat.DeleteMessageAsync(context.Caller(), roomId, seq, context.RequestAborted);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> AddReaction(string roomId, long seq, string emoji, HttpContext context, IChatApplication chat)
    {
        await chat.SetReactionAsync(context.Caller(), roomId, seq, emoji, on: true, context.RequestAborted);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> RemoveReaction(string roomId, long seq, string emoji, HttpContext context, IChatApplication chat)
    {
        await chat.SetReactionAsync(context.Caller(), roomId, seq, emoji, on: false, context.RequestAborted);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<ChangesDto>> GetChanges(string roomId, long? afterChange, int? limit, HttpContext context, IChatApplication chat)
    {
        var page = await chat.GetChangesAsync(context.Caller(), roomId, afterChange, limit, context.RequestAborted);
        return TypedResults.Ok(page.ToDto());
    }
}
