using System.Threading.Channels;
using Chat.Contracts;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Testing;

/// <summary>A real SignalR client of <c>/hubs/chat</c> (JSON or MessagePack) that records what the server pushes.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly Channel<MessageDto> _messages = Channel.CreateUnbounded<MessageDto>();
    private readonly Channel<(string Kind, PresenceDto Presence)> _presence = Channel.CreateUnbounded<(string, PresenceDto)>();
    private readonly Channel<MessageUpdatedDto> _updates = Channel.CreateUnbounded<MessageUpdatedDto>();

    private HubClient(HubConnection connection)
    {
        Connection = connection;
        connection.On<MessageDto>("NewMessage", message => _messages.Writer.TryWrite(message));
        connection.On<PresenceDto>("UserJoined", presence => _presence.Writer.TryWrite(("joined", presence)));
        connection.On<PresenceDto>("UserLeft", presence => _presence.Writer.TryWrite(("left", presence)));
        connection.On<MessageUpdatedDto>("MessageUpdated", update => _updates.Writer.TryWrite(update));
    }

    public HubConnection Connection { get; }

    public static HubConnection Build(ChatCluster cluster, string? token, bool messagePack = false) =>
        Build(cluster.HttpBaseAddress, token, messagePack);

    public static HubConnection Build(Uri gateway, string? token, bool messagePack = false)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(gateway, "/hubs/chat"), options => options.AccessTokenProvider = () => Task.FromResult(token));
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }
        return builder.Build();
    }

    public static Task<HubClient> ConnectAsync(ChatCluster cluster, TestUser user, bool messagePack = false) =>
        ConnectAsync(cluster.HttpBaseAddress, user, messagePack);

    public static async Task<HubClient> ConnectAsync(Uri gateway, TestUser user, bool messagePack = false)
    {
        var client = new HubClient(Build(gateway, user.Token, messagePack));
        await client.Connection.StartAsync();
        return client;
    }

    public Task<JoinedRoomDto> JoinAsync(string roomId) => Connection.InvokeAsync<JoinedRoomDto>("JoinRoom", roomId);

    public Task LeaveAsync(string roomId) => Connection.InvokeAsync("LeaveRoom", roomId);

    public Task<MessageDto> SendAsync(string roomId, string content, string? clientMessageId = null) =>
        Connection.InvokeAsync<MessageDto>("SendMessage", roomId, content, clientMessageId);

    /// <summary>The next pushed message, or a timeout failure.</summary>
    public async Task<MessageDto> NextMessageAsync() => await _messages.Reader.ReadAsync().AsTask().WaitAsync(Wait.Timeout);

    /// <summary>The next presence event ("joined" / "left").</summary>
    public async Task<(string Kind, PresenceDto Presence)> NextPresenceAsync() => await _presence.Reader.ReadAsync().AsTask().WaitAsync(Wait.Timeout);

    /// <summary>The next pushed change to a message (<c>MessageUpdated</c>).</summary>
    public async Task<MessageUpdatedDto> NextUpdateAsync() => await _updates.Reader.ReadAsync().AsTask().WaitAsync(Wait.Timeout);

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
