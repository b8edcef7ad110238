using Chat.Gateway.Lease;

namespace Chat.Gateway.Tests.Fanout;

/// <summary>The gateway lease without a cluster: the rooms it tracks, renewals answered from a script.</summary>
internal sealed class FakeLease : IGatewayLease
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _tracked = [];

    public string GatewayId => FanoutHarness.GatewayId;

    /// <summary>What the next renewal answers (false: the cluster did not know this gateway).</summary>
    public bool Known { get; set; } = true;

    public int Renewals { get; private set; }

    public Func<string, Task>? BeforeUntrack { get; set; }

    public string[] Tracked
    {
        get
        {
            lock (_gate)
            {
                return [.. _tracked.Order()];
            }
        }
    }

    public Task<bool> RenewAsync(TimeSpan duration)
    {
        Renewals++;
        return Task.FromResult(Known);
    }

    public Task TrackAsync(string roomId) => TrackAllAsync([roomId]);

    public Task TrackAllAsync(string[] roomIds)
    {
        lock (_gate)
        {
            _tracked.UnionWith(roomIds);
        }
        return Task.CompletedTask;
    }

    public async Task UntrackAsync(string roomId)
    {
        if (BeforeUntrack is { } before)
        {
            await before(roomId);
        }
        lock (_gate)
        {
            _tracked.Remove(roomId);
        }
    }

    public Task ReleaseAsync() => Task.CompletedTask;
}
