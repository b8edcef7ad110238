using Chat.Errors;
using Chat.Grains.Storage;
using MySqlConnector;
using Orleans.Storage;

namespace Chat.Silo.Storage;

/// <summary>
/// The MySQL grain storage as callers should see it:
/// <list type="bullet">
/// <item>A write that lost an InnoDB deadlock is tried again. Concurrent first writes of new grains (many sign-ups at
/// once) deadlock on the storage table's index; InnoDB rolls the losing statement back whole, so repeating it is safe
/// and the etag is unchanged.</item>
/// <item>A lost connection (the server restarted or went away) empties the storage's connection pool, so that no
/// later call is handed a connection that died with it. A read then runs once more on a fresh connection (reading
/// twice is harmless); a write does not — it may have committed, and repeating it with the old etag would be refused
/// as a conflict — it fails as below and the caller retries. (The storage's connections are checked with a reset
/// round trip when taken from the pool, <c>ConnectionReset=true</c>, so a dead idle connection never reaches it;
/// what remains is a connection lost during a call.)</item>
/// <item>Every other failure but an etag conflict becomes <see cref="ChatErrorCode.Unavailable"/> (retryable:
/// 503 / <c>unavailable</c> / <c>UNAVAILABLE</c>). The store's own exceptions (a <c>MySqlException</c> when MariaDB is
/// down) cannot cross the wire — Orleans has no codec for them, so the caller got a <c>CodecNotFoundException</c> and
/// the transports answered 500 — and say nothing a caller can act on. This matters most when a grain activates while
/// the store is down: its state read fails before any grain code runs.</item>
/// </list>
/// The cause is logged by the store and by Orleans' storage bridge.
/// </summary>
internal sealed class GuardedGrainStorage(IGrainStorage store, MySqlConnections pool) : IGrainStorage
{
    private const int DeadlockAttempts = 3;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => store.ReadStateAsync(stateName, grainId, grainState), repeatable: true);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => store.WriteStateAsync(stateName, grainId, grainState), repeatable: false);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => store.ClearStateAsync(stateName, grainId, grainState), repeatable: false);

    private async Task Guard(Func<Task> operation, bool repeatable)
    {
        var reconnected = false;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await operation();
                return;
            }
            catch (Exception exception) when (attempt < DeadlockAttempts && IsDeadlock(exception))
            {
                // Both writers backed off the same way would meet again: a short random pause separates them.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 50) * attempt));
            }
            catch (Exception exception) when (MySqlFailures.IsConnectionLost(exception) && repeatable && !reconnected)
            {
                reconnected = true;
                await pool.DiscardIdleAsync();
            }
            catch (Exception exception) when (exception is not (InconsistentStateException or ChatException))
            {
                if (MySqlFailures.IsConnectionLost(exception))
                {
                    await pool.DiscardIdleAsync();
                }
                throw ChatException.Unavailable("Storage is unavailable; retry shortly.");
            }
        }
    }

    private static bool IsDeadlock(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is MySqlException { ErrorCode: MySqlErrorCode.LockDeadlock })
            {
                return true;
            }
        }
        return false;
    }
}
