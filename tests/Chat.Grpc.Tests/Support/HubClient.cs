using System.Threading.Channels;
using Chat.Contracts;
using Chat.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Grpc.Tests.Support;

/// <summary>A browser's view: a real SignalR client of <c>/hubs/chat</c> that records what the server pushes.</summary>
public sealed class HubClient : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly Channel<MessageDto> messages = Channel.CreateUnbounded<MessageDto>();

    private HubClient(HubConnection connection)
    {
        this.connection = connection;
        connection.On<MessageDto>("NewMessage", message => messages.Writer.TryWrite(message));
    }

    public static async Task<HubClient> ConnectAsync(ChatCluster cluster, TestUser user)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(cluster.HttpBaseAddress, "/hubs/chat"), options => options.AccessTokenProvider = () => Task.FromResult<string?>(user.Token))
            .Build();
        await connection.StartAsync();
        return new HubClient(connection);
    }

    public Task<JoinedRoomDto> JoinAsync(string roomId) => connection.InvokeAsync<JoinedRoomDto>("JoinRoom", roomId);

    public Task LeaveAsync(string roomId) => connection.InvokeAsync("LeaveRoom", roomId);

    public Task<MessageDto> SendAsync(string roomId, string content) =>
        connection.InvokeAsync<MessageDto>("SendMessage", roomId, content, null);

    public async Task<MessageDto> NextMessageAsync() => await messages.Reader.ReadAsync().AsTask().WaitAsync(Wait.Timeout);

    public async ValueTask DisposeAsync() => await connection.DisposeAsync();
}
