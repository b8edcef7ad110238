using Chat.Errors;
using MySqlConnector;
using Orleans.Storage;

namespace Chat.Silo.Storage;

/// <summary>
/// The MySQL grain storage as callers should see it:
/// <list type="bullet">
/// <item>A write that lost an InnoDB deadlock is tried again. Concurrent first writes of new grains (many sign-ups at
/// once) deadlock on the storage table's index; InnoDB rolls the losing statement back whole, so repeating it is safe
/// and the etag is unchanged.</item>
/// <item>Every other failure but an etag conflict becomes <see cref="ChatErrorCode.Unavailable"/> (retryable:
/// 503 / <c>unavailable</c> / <c>UNAVAILABLE</c>). The store's own exceptions (a <c>MySqlException</c> when MariaDB is
/// down) cannot cross the wire — Orleans has no codec for them, so the caller got a <c>CodecNotFoundException</c> and
/// the transports answered 500 — and say nothing a caller can act on. This matters most when a grain activates while
/// the store is down: its state read fails before any grain code runs.</item>
/// </list>
/// The cause is logged by the store and by Orleans' storage bridge.
/// </summary>
internal sealed class GuardedGrainStorage(IGrainStorage store) : IGrainStorage
{
    private const int DeadlockAttempts = 3;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => store.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => store.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(() => store.ClearStateAsync(stateName, grainId, grainState));

    private static async Task Guard(Func<Task> operation)
    {
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
            catch (Exception exception) when (exception is not (InconsistentStateException or ChatException))
            {
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
