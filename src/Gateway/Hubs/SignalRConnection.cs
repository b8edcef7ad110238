using Chat.Gateway.Fanout;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Gateway.Hubs;

/// <summary>
/// A SignalR connection as a live connection. Its pushes are counted until SignalR has written them, so that a
/// client that stops reading holds a bounded number of them (<see cref="FanoutOptions.SignalRSendQueueCapacity"/>).
/// </summary>
/// <param name="write">Writes one serialized hub message to this connection (SignalR's <c>HubConnectionContext.WriteAsync</c>).</param>
/// <param name="abort">Drops the connection at once (SignalR's <c>HubCallerContext.Abort</c>).</param>
public sealed class SignalRConnection(
    string connectionId,
    string userId,
    string username,
    SignalRTransport transport,
    Func<SerializedHubMessage, ValueTask> write,
    Action abort)
    : LiveConnection(connectionId, userId, username)
{
    private int _pending;
    private int _aborted;

    public override ILiveTransport Transport => transport;

    /// <summary>Pushes handed to SignalR and not yet written.</summary>
    public int PendingPushes => Volatile.Read(ref _pending);

    public bool IsAborted => Volatile.Read(ref _aborted) == 1;

    /// <summary>Counts one more pending push; false (and nothing counted) when <paramref name="capacity"/> are pending.</summary>
    internal bool TryBeginPush(int capacity)
    {
        while (true)
        {
            var pending = Volatile.Read(ref _pending);
            if (pending >= capacity)
            {
                return false;
            }
            if (Interlocked.CompareExchange(ref _pending, pending + 1, pending) == pending)
            {
                return true;
            }
        }
    }

    internal void EndPush() => Interlocked.Decrement(ref _pending);

    /// <summary>Hands one push to SignalR; the caller counted it with <see cref="TryBeginPush"/>.</summary>
    internal ValueTask WriteAsync(SerializedHubMessage message) => write(message);

    /// <summary>Drops the connection once; true for the call that did.</summary>
    internal bool Abort()
    {
        if (Interlocked.Exchange(ref _aborted, 1) == 1)
        {
            return false;
        }
        abort();
        return true;
    }
}
