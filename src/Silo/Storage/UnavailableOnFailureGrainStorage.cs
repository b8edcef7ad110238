using Chat.Errors;
using MySqlConnector;
using Orleans.Storage;

namespace Chat.Silo.Storage;

/// <summary>
/// Grain storage whose failures a caller can read. The store's own exceptions (a <c>MySqlException</c> when MariaDB is
/// down) cannot cross the wire — Orleans has no codec for them, so the caller got a <c>CodecNotFoundException</c> and
/// the transports answered 500 — and say nothing a caller can act on. Every failure but an etag conflict therefore
/// becomes <see cref="ChatErrorCode.Unavailable"/> (retryable: 503 / <c>unavailable</c> / <c>UNAVAILABLE</c>). This
/// matters most when a grain activates while the store is down: its state read fails before any grain code runs.
/// The cause is logged by the store and by Orleans' storage bridge.
/// A transaction that InnoDB chose as a deadlock victim (concurrent first writes of neighbouring grains) was rolled
/// back whole, so it is simply tried again, a few times, before it counts as a failure.
/// </summary>
internal sealed class UnavailableOnFailureGrainStorage(IGrainStorage store) : IGrainStorage
{
    private const int DeadlockVictim = 1213;
    private const int LockWaitTimeout = 1205;
    private const int Attempts = 3;

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
            catch (Exception exception) when (attempt < Attempts && IsTransientLockFailure(exception))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt));
            }
            catch (Exception exception) when (exception is not (InconsistentStateException or ChatException))
            {
                throw ChatException.Unavailable("Storage is unavailable; retry shortly.");
            }
        }
    }

    private static bool IsTransientLockFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is MySqlException { Number: DeadlockVictim or LockWaitTimeout })
            {
                return true;
            }
        }
        return false;
    }
}
