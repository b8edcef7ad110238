using Chat.Contracts;
using Chat.Gateway.Application;
using Chat.Gateway.Hosting;
using Chat.Gateway.Mapping;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Gateway.Api;

/// <summary><c>GET /chat/search</c>: messages matching words or Chinese text in the rooms the caller may read.</summary>
public static class SearchApi
{
    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/chat").RequireAuthorization()
            .MapGet("/search", SearchMessages)
            .WithName("SearchMessages")
            .WithSummary("Messages matching q, newest first, in roomId or in every room the caller may read (limit 20 by default, at most 100; page with beforeSeq in one room or with the previous page's nextCursor as cursor).")
            .ProducesProblems(400, 401, 404, 503);
        return endpoints;
    }

    public static async Task<Ok<SearchResultsDto>> SearchMessages(
        string? q, string? roomId, int? limit, long? beforeSeq, string? cursor, HttpContext context, IChatApplication chat)
    {
        var page = await chat.SearchMessagesAsync(context.Caller(), q, roomId, limit, beforeSeq, cursor, context.RequestAborted);
        return TypedResults.Ok(page.ToDto());
    }
}
