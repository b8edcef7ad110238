using System.Collections.Concurrent;
using Chat.Gateway.Lease;
using Chat.Presence;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Presence;

/// <summary>
/// This gateway's side of global presence: the live connections of each user here, reported to the user's presence
/// grain only when the user's first connection opens or last one closes (so a second tab costs no grain call, and
/// sending never touches presence).
/// </summary>
/// <remarks>
/// What is guaranteed: reports of one user leave this gateway one at a time and each carries the current state, not
/// a delta, so a report that failed or raced with a newer one is simply sent again: after <see cref="RetryAsync"/>
/// (or <see cref="ResyncAsync"/> once the lease was unknown to the cluster) the presence grain agrees with us.
/// </remarks>
public sealed partial class LocalUsers(IClusterClient cluster, IOptions<ChatGatewayOptions> gateway, ILogger<LocalUsers> logger) : ILeaseFollower
{
    /// <summary>How many users a resync reports at once.</summary>
    private const int ResyncParallelism = 32;

    private readonly ConcurrentDictionary<string, UserEntry> _users = new(StringComparer.Ordinal);
    private readonly Lock _passGate = new();
    private Task _pass = Task.CompletedTask;
    private int _resyncWanted;
    private int _retryWanted;

    /// <summary>Users with at least one live connection here (or whose going offline is not reported yet).</summary>
    public int Count => _users.Count;

    /// <summary>
    /// True while this gateway holds a connection of the user or has not yet told their presence grain that it no
    /// longer does (tests use it as a fence: false means the grain has the gateway's last word).
    /// </summary>
    internal bool Holds(string userId) => _users.ContainsKey(userId);

    /// <summary>A live connection of <paramref name="userId"/> opened. Never throws: a failed report is retried.</summary>
    public Task ConnectedAsync(string userId, string connectionId)
    {
        while (true)
        {
            var entry = _users.GetOrAdd(userId, static _ => new UserEntry());
            lock (entry)
            {
                if (entry.Removed)
                {
                    continue; // it was just retired: take the fresh one
                }
                entry.Connections.Add(connectionId);
            }
            return ReportAsync(userId, entry);
        }
    }

    /// <summary>A live connection closed. Idempotent; never throws.</summary>
    public Task DisconnectedAsync(string userId, string connectionId)
    {
        if (!_users.TryGetValue(userId, out var entry))
        {
            return Task.CompletedTask;
        }
        lock (entry)
        {
            if (!entry.Connections.Remove(connectionId))
            {
                return Task.CompletedTask;
            }
        }
        return ReportAsync(userId, entry);
    }

    /// <summary>
    /// Called after each lease renewal: when the lease was unknown (the cluster may have dropped this gateway from its
    /// users' presence) every user is reported again, else only failed reports are. Runs beside the renewals, one
    /// pass at a time; a request made during a pass is served by the pass after the next renewal.
    /// </summary>
    public void AfterRenewal(bool leaseWasKnown, CancellationToken stopping)
    {
        if (!leaseWasKnown)
        {
            Volatile.Write(ref _resyncWanted, 1);
        }
        if (Volatile.Read(ref _resyncWanted) == 0 && Volatile.Read(ref _retryWanted) == 0)
        {
            return;
        }
        lock (_passGate)
        {
            if (_pass.IsCompleted)
            {
                _pass = Task.Run(() => RunPassAsync(stopping), CancellationToken.None);
            }
        }
    }

    private async Task RunPassAsync(CancellationToken stopping)
    {
        var force = Interlocked.Exchange(ref _resyncWanted, 0) == 1;
        Interlocked.Exchange(ref _retryWanted, 0);
        try
        {
            await (force ? ResyncAsync(stopping) : RetryAsync(stopping));
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sends again the reports that failed.</summary>
    public Task RetryAsync(CancellationToken cancellationToken) => ReportAllAsync(force: false, cancellationToken);

    /// <summary>The cluster may have dropped this gateway from its users' presence (its lease lapsed): report every user again.</summary>
    public Task ResyncAsync(CancellationToken cancellationToken) => ReportAllAsync(force: true, cancellationToken);

    private Task ReportAllAsync(bool force, CancellationToken cancellationToken)
    {
        var due = _users.Where(pair =>
        {
            lock (pair.Value)
            {
                pair.Value.Stale |= force && pair.Value.Connections.Count > 0;
                return pair.Value.Stale;
            }
        }).ToList();
        return Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = ResyncParallelism, CancellationToken = cancellationToken },
            async (pair, _) => await ReportAsync(pair.Key, pair.Value));
    }

    /// <summary>Reports until the grain has the entry's current state; retires the entry once the user is gone and reported so.</summary>
    private async Task ReportAsync(string userId, UserEntry entry)
    {
        await entry.Gate.WaitAsync();
        try
        {
            while (true)
            {
                bool online;
                lock (entry)
                {
                    online = entry.Connections.Count > 0;
                    if (online == entry.Reported && !entry.Stale)
                    {
                        if (!online && !entry.Removed)
                        {
                            entry.Removed = true;
                            _users.TryRemove(new KeyValuePair<string, UserEntry>(userId, entry));
                        }
                        return;
                    }
                    entry.Stale = false;
                }
                try
                {
                    await cluster.GetGrain<IUserPresenceGrain>(userId).Report(gateway.Value.Id, online);
                    lock (entry)
                    {
                        entry.Reported = online;
                    }
                }
                catch (Exception exception)
                {
                    lock (entry)
                    {
                        entry.Stale = true;
                    }
                    Volatile.Write(ref _retryWanted, 1);
                    LogReportFailed(logger, userId, online, exception.Message);
                    return;
                }
            }
        }
        finally
        {
            entry.Gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not report user {UserId} online={Online} to their presence; retried with the lease: {Reason}")]
    private static partial void LogReportFailed(ILogger logger, string userId, bool online, string reason);

    /// <summary>One user's connections here and what their presence grain was last told (fields under the entry's lock).</summary>
    private sealed class UserEntry
    {
        public HashSet<string> Connections { get; } = new(StringComparer.Ordinal);

        /// <summary>Serializes the reports of this user.</summary>
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>What the grain acknowledged last.</summary>
        public bool Reported { get; set; }

        /// <summary>A report failed, or the grain may have forgotten us: send the current state even if it looks unchanged.</summary>
        public bool Stale { get; set; }

        /// <summary>Taken out of the table; a connection that finds it must take a fresh entry.</summary>
        public bool Removed { get; set; }
    }
}
