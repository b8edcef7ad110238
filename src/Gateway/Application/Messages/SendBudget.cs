using System.Collections.Concurrent;
using Chat.Errors;
using Chat.Users;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Application.Messages;

/// <summary>
/// The per-user budget for sends, edits, deletes and reactions (burst 30, 10/s by default, across every transport and
/// gateway), spent here from tokens leased from the user's grain instead of one grain call per message. What is
/// guaranteed: the user grain hands out only tokens its bucket holds and takes back what a lease did not spend, so the
/// cluster-wide budget holds exactly; a lease lives at most <see cref="SendBudgetOptions.LeaseLifetime"/> and holds at
/// most <see cref="SendBudgetOptions.MaxLease"/> tokens, so another gateway of the same user is short of at most that
/// many for that long. Lease sizes follow use: a lease spent before it expires doubles the next; after one that
/// expired, the next is what it spent (at least one). A user whose budget is empty is refused here, without a grain call, until the
/// grain said one is back.
/// </summary>
public sealed class SendBudget(IClusterClient cluster, IOptions<SendBudgetOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, SendLease> _users = new(StringComparer.Ordinal);

    /// <summary>Spends one token of the user's budget (RateLimited with Retry-After when empty); returns the user's name as the user grain knows it.</summary>
    public async ValueTask<string> SpendAsync(string userId, CancellationToken cancellationToken)
    {
        var lease = _users.GetOrAdd(userId, static _ => new SendLease());
        while (true)
        {
            Task renewal;
            TaskCompletionSource? mine = null;
            int returned = 0, wanted = 0;
            lock (lease)
            {
                var now = time.GetTimestamp();
                if (lease.TryTake(now, out var username))
                {
                    return username;
                }
                if (lease.DeniedUntil > now)
                {
                    throw RateLimited(time.GetElapsedTime(now, lease.DeniedUntil));
                }
                if (lease.Renewal is null)
                {
                    mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    lease.Renewal = mine.Task;
                    (returned, wanted) = lease.StartRenewal(now, options.Value.MaxLease);
                }
                renewal = lease.Renewal;
            }
            if (mine is not null)
            {
                _ = RenewAsync(userId, lease, returned, wanted, mine);
            }
            await renewal.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Gives back the tokens of expired leases and forgets users idle for a lifetime (<see cref="SendBudgetSweeper"/>).</summary>
    public void Sweep()
    {
        var now = time.GetTimestamp();
        var lifetime = LifetimeTicks;
        foreach (var (userId, lease) in _users)
        {
            int unspent;
            bool idle;
            lock (lease)
            {
                if (lease.Renewal is not null || now < lease.Expires)
                {
                    continue;
                }
                unspent = lease.Tokens;
                lease.Tokens = 0;
                idle = now >= lease.Expires + lifetime && now >= lease.DeniedUntil;
            }
            if (unspent > 0)
            {
                _ = cluster.GetGrain<IUserGrain>(userId).ReturnSendTokens(unspent);
            }
            if (idle)
            {
                _users.TryRemove(new KeyValuePair<string, SendLease>(userId, lease));
            }
        }
    }

    private long LifetimeTicks => (long)(options.Value.LeaseLifetime.TotalSeconds * time.TimestampFrequency);

    private async Task RenewAsync(string userId, SendLease lease, int returned, int wanted, TaskCompletionSource done)
    {
        try
        {
            // Not cancelled by the caller that started it: others may wait for the same lease.
            var granted = await cluster.GetGrain<IUserGrain>(userId).LeaseSendTokens(returned, wanted);
            lock (lease)
            {
                var now = time.GetTimestamp();
                lease.Grant(granted, now + LifetimeTicks,
                    granted.Granted > 0 ? 0 : now + (long)(granted.RetryAfter.TotalSeconds * time.TimestampFrequency));
                lease.Renewal = null;
            }
            done.SetResult();
        }
        catch (Exception exception)
        {
            lock (lease)
            {
                lease.Renewal = null;
            }
            done.SetException(exception);
        }
    }

    /// <summary>The refusal; its wait is at least 1 ms, so a Retry-After never says "now" while the budget is empty.</summary>
    private static ChatException RateLimited(TimeSpan retryAfter)
    {
        var wait = retryAfter < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : retryAfter;
        return new(ChatErrorCode.RateLimited, $"Too many messages, edits or reactions; try again in {wait.TotalSeconds:0.###} s.", wait);
    }
}
