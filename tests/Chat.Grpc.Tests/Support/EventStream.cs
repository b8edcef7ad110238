using Chat.Grpc.V1;
using Grpc.Core;

namespace Chat.Grpc.Tests.Support;

/// <summary>A Subscribe call as a test reads it: the next event (or a time-out failure), never a sleep.</summary>
public sealed class EventStream(AsyncServerStreamingCall<ChatEvent> call) : IDisposable
{
    public AsyncServerStreamingCall<ChatEvent> Call { get; } = call;

    public async Task<ChatEvent> NextAsync()
    {
        var moved = await Call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(Wait.Timeout);
        Assert.True(moved, "The Subscribe stream ended.");
        return Call.ResponseStream.Current;
    }

    public async Task<ChatMessage> NextMessageAsync()
    {
        var next = await NextAsync();
        Assert.Equal(ChatEvent.EventOneofCase.NewMessage, next.EventCase);
        return next.NewMessage;
    }

    public async Task<List<ChatMessage>> NextMessagesAsync(int count)
    {
        var messages = new List<ChatMessage>(count);
        while (messages.Count < count)
        {
            messages.Add(await NextMessageAsync());
        }
        return messages;
    }

    /// <summary>Waits until the server has answered the call's headers: its checks passed and it is streaming.</summary>
    public Task ReadyAsync() => Call.ResponseHeadersAsync.WaitAsync(Wait.Timeout);

    public void Dispose() => Call.Dispose();
}
