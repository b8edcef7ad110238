using Chat.Errors;
using Orleans.Storage;

namespace Chat.Silo.Storage;

/// <summary>
/// Grain storage whose failures a caller can read. The store's own exceptions (a <c>MySqlException</c> when MariaDB is
/// down) cannot cross the wire — Orleans has no codec for them, so the caller got a <c>CodecNotFoundException</c> and
/// the transports answered 500 — and say nothing a caller can act on. Every failure but an etag conflict therefore
/// becomes <see cref="ChatErrorCode.Unavailable"/> (retryable: 503 / <c>unavailable</c> / <c>UNAVAILABLE</c>). This
/// matters most when a grain activates while the store is down: its state read fails before any grain code runs.
/// The cause is logged by the store and by Orleans' storage bridge.
/// </summary>
internal sealed class UnavailableOnFailureGrainStorage(IGrainStorage store) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(store.ReadStateAsync(stateName, grainId, grainState));

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(store.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        Guard(store.ClearStateAsync(stateName, grainId, grainState));

    private static async Task Guard(Task operation)
    {
        try
        {
            await operation;
        }
        catch (Exception exception) when (exception is not (InconsistentStateException or ChatException))
        {
            throw ChatException.Unavailable("Storage is unavailable; retry shortly.");
        }
    }
}
