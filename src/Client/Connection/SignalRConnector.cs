using System.Net;
using System.Text.Json;
using Chat.Contracts;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Client.Connection;

/// <summary>
/// Connects to a gateway's <c>/hubs/chat</c>. SignalR's .NET client sends the token in the <c>Authorization</c> header of
/// the negotiate request and of the WebSocket upgrade (it falls back to the <c>access_token</c> URL parameter only when
/// it runs in a browser), so the token never appears in a URL or an access log and no connect ticket is needed.
/// </summary>
internal sealed class SignalRConnector(ChatClientOptions options) : IChatConnector
{
    public const string HubPath = "hubs/chat";

    public async Task<IChatConnection> ConnectAsync(Uri endpoint, string accessToken, IChatConnectionEvents events, CancellationToken cancellationToken)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(endpoint, HubPath), http => http.AccessTokenProvider = () => Task.FromResult<string?>(accessToken));
        builder.Services.AddSingleton(options.LoggerFactory);
        if (options.Protocol == HubProtocol.MessagePack)
        {
            builder.AddMessagePackProtocol();
        }
        else
        {
            builder.AddJsonProtocol(json => json.PayloadSerializerOptions = new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }

        var hub = builder.Build();
        var connection = new SignalRChatConnection(hub, endpoint, options.CallTimeout);
        hub.On<MessageDto>("NewMessage", events.OnNewMessage);
        hub.On<PresenceDto>("UserJoined", events.OnUserJoined);
        hub.On<PresenceDto>("UserLeft", events.OnUserLeft);
        UserEventNames.Register(hub, events);
        hub.On<PresenceDto>("UserTyping", events.OnUserTyping);
        hub.On<MessageUpdatedDto>("MessageUpdated", events.OnMessageUpdated);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.CallTimeout);
            await hub.StartAsync(timeout.Token);
            return connection;
        }
        catch (Exception exception)
        {
            await hub.DisposeAsync();
            cancellationToken.ThrowIfCancellationRequested();
            throw exception is HttpRequestException { StatusCode: HttpStatusCode.Unauthorized }
                ? new ChatClientException(ChatError.Unauthorized, $"{endpoint} refused the token.", exception)
                : new ChatClientException(ChatError.ConnectionLost, $"Could not connect to {endpoint}: {exception.Message}", exception);
        }
    }
}
