using System.Net.WebSockets;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Bench.Transport;

/// <summary>A SignalR client on the WebSocket transport (no negotiate round trip), JSON or MessagePack.</summary>
public sealed class SignalRBenchConnection : IBenchConnection
{
    private readonly HubConnection _connection;

    public SignalRBenchConnection(Uri baseUrl, string token, bool messagePack, LoopbackBinder binder)
    {
        var invoker = binder.CreateInvoker();
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUrl, "/hubs/chat"), options =>
            {
                options.SkipNegotiation = true;
                options.Transports = HttpTransportType.WebSockets;
                options.AccessTokenProvider = () => Task.FromResult<string?>(token);
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var socket = new ClientWebSocket();
                    socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
                    await socket.ConnectAsync(context.Uri, invoker, cancellationToken);
                    return socket;
                };
            });
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }
        _connection = builder.Build();
        _connection.ServerTimeout = TimeSpan.FromMinutes(2);
        _connection.HandshakeTimeout = TimeSpan.FromMinutes(2); // thousands of handshakes at once on a busy machine
        _connection.On<WireMessage>("NewMessage", m => OnMessage?.Invoke(new BenchMessage(m.RoomId, m.Seq, m.Content)));
    }

    public Action<BenchMessage>? OnMessage { get; set; }

    public Task StartAsync(CancellationToken cancellationToken) => _connection.StartAsync(cancellationToken);

    public async Task<long> JoinRoomAsync(string roomId) => (await _connection.InvokeAsync<WireJoin>("JoinRoom", roomId)).LastSeq;

    public async Task<BenchMessage> SendAsync(string roomId, string content, string? clientMessageId)
    {
        var m = await _connection.InvokeAsync<WireMessage>("SendMessage", roomId, content, clientMessageId);
        return new BenchMessage(m.RoomId, m.Seq, m.Content);
    }

    public ValueTask DisposeAsync() => _connection.DisposeAsync();

    /// <summary>The fields of ChatMessage the bench reads (camelCase keys, as the gateway writes them in JSON and MessagePack).</summary>
    [MessagePack.MessagePackObject]
    public sealed class WireMessage
    {
        [MessagePack.Key("roomId")]
        public string RoomId { get; set; } = "";

        [MessagePack.Key("seq")]
        public long Seq { get; set; }

        [MessagePack.Key("content")]
        public string Content { get; set; } = "";
    }

    [MessagePack.MessagePackObject]
    public sealed class WireJoin
    {
        [MessagePack.Key("lastSeq")]
        public long LastSeq { get; set; }
    }
}
