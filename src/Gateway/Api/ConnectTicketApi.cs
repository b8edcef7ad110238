using Chat.Contracts;
using Chat.Gateway.Auth;
using Chat.Gateway.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Chat.Gateway.Api;

/// <summary><c>POST /users/me/connect-ticket</c>: a one-time ticket for a live connection (see <see cref="ConnectTickets"/>).</summary>
public static class ConnectTicketApi
{
    public static RouteHandlerBuilder MapConnectTicketApi(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost("/users/me/connect-ticket", Issue).RequireAuthorization()
            .WithName("IssueConnectTicket")
            .WithSummary("A one-time ticket, valid 30 s, to open /hubs/chat or /ws with ?ticket= instead of ?access_token=.")
            .ProducesProblems(401, 503);

    public static Ok<ConnectTicketResponse> Issue(HttpContext context, ConnectTickets tickets)
    {
        var (ticket, expiresAt) = tickets.Issue(context.User);
        return TypedResults.Ok(new ConnectTicketResponse(ticket, expiresAt.ToUnixTimeMilliseconds()));
    }
}
