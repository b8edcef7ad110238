using Chat.Gateway.Fanout;
using Chat.Gateway.Hubs;
using Chat.Rooms;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Tests.Fanout;

/// <summary>
/// Issue #19, point 5: a SignalR client that stops reading holds a bounded number of pushes, then is dropped; and each
/// event is one hub message shared by every recipient (serialized once per protocol, not once per connection).
/// </summary>
public sealed class SlowSignalRClientTests
{
    private const int Capacity = 8;

    [Fact]
    public void A_client_that_stops_reading_is_dropped_once_its_pushes_reach_the_bound_and_nobody_else_waits()
    {
        var transport = Transport();
        var aborts = 0;
        var stuck = new RecordingWrites(() => new TaskCompletionSource().Task);
        var reading = new RecordingWrites(() => Task.CompletedTask);
        var slow = new SignalRConnection("slow", "u1", "u1", transport, stuck.Write, () => aborts++);
        var fast = new SignalRConnection("fast", "u2", "u2", transport, reading.Write, () => { });
        LiveConnection[] members = [slow, fast];

        for (var i = 0; i < Capacity * 3; i++)
        {
            transport.Deliver(FanoutHarness.LobbyMessage(i), members, []);
        }

        Assert.Equal(1, aborts);
        Assert.Equal(Capacity, stuck.Messages.Count);
        Assert.Equal(Capacity, slow.PendingPushes);
        Assert.Equal(Capacity * 3, reading.Messages.Count);
        Assert.Equal(0, fast.PendingPushes);
    }

    [Fact]
    public void Pushes_that_complete_free_their_place_so_a_client_that_keeps_up_is_never_dropped()
    {
        var transport = Transport();
        var aborts = 0;
        var pending = new Queue<TaskCompletionSource>();
        var writes = new RecordingWrites(() =>
        {
            var write = new TaskCompletionSource();
            pending.Enqueue(write);
            return write.Task;
        });
        var connection = new SignalRConnection("c", "u1", "u1", transport, writes.Write, () => aborts++);

        for (var i = 0; i < Capacity * 4; i++)
        {
            transport.Deliver(FanoutHarness.LobbyMessage(i), [connection], []);
            if (pending.Count == Capacity - 1)
            {
                pending.Dequeue().SetResult(); // the client reads one
            }
        }

        Assert.Equal(0, aborts);
        Assert.Equal(Capacity * 4, writes.Messages.Count);
    }

    [Fact]
    public void Every_recipient_gets_the_same_hub_message_and_the_sender_none()
    {
        var transport = Transport();
        var first = new RecordingWrites(() => Task.CompletedTask);
        var second = new RecordingWrites(() => Task.CompletedTask);
        var sender = new RecordingWrites(() => Task.CompletedTask);
        var a = new SignalRConnection("a", "u1", "u1", transport, first.Write, () => { });
        var b = new SignalRConnection("b", "u2", "u2", transport, second.Write, () => { });
        var s = new SignalRConnection("s", "u3", "u3", transport, sender.Write, () => { });

        transport.Deliver(FanoutHarness.LobbyMessage(1), [a, b, s], [s]);

        var message = Assert.Single(first.Messages);
        Assert.Same(message, Assert.Single(second.Messages));
        Assert.Empty(sender.Messages);
        var invocation = Assert.IsType<InvocationMessage>(message.Message);
        Assert.Equal(nameof(IChatClient.NewMessage), invocation.Target);
    }

    private static SignalRTransport Transport() =>
        new(Options.Create(new FanoutOptions { SignalRSendQueueCapacity = Capacity }), FanoutHarness.NewMetrics(), NullLogger<SignalRTransport>.Instance);

    /// <summary>One connection's writes: each completes when <c>completes</c> says.</summary>
    private sealed class RecordingWrites(Func<Task> completes)
    {
        public List<SerializedHubMessage> Messages { get; } = [];

        public ValueTask Write(SerializedHubMessage message)
        {
            Messages.Add(message);
            return new ValueTask(completes());
        }
    }
}
