namespace Chat.Bench.Transport;

/// <summary>A message as the bench needs it: where, which seq, and the content carrying the send timestamp.</summary>
public readonly record struct BenchMessage(string RoomId, long Seq, string Content);

/// <summary>One live client connection (SignalR or raw WebSocket) under test.</summary>
public interface IBenchConnection : IAsyncDisposable
{
    /// <summary>Called for every pushed message (on the transport's thread; must be quick).</summary>
    Action<BenchMessage>? OnMessage { get; set; }

    Task StartAsync(CancellationToken cancellationToken);

    /// <summary>Joins a room; returns its last seq.</summary>
    Task<long> JoinRoomAsync(string roomId);

    /// <summary>Sends and waits for the durable ack; returns the stored message.</summary>
    Task<BenchMessage> SendAsync(string roomId, string content, string? clientMessageId);
}
