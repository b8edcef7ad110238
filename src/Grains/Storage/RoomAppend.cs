using System.Diagnostics;

namespace Chat.Grains.Storage;

/// <summary>One room's batch as it is written: its messages get seqs <see cref="NextSeq"/>, <see cref="NextSeq"/>+1, … in order.</summary>
internal readonly record struct RoomBatch(string RoomId, long NextSeq, IReadOnlyList<PendingMessage> Messages);

/// <summary>
/// A room batch waiting for the silo-wide writer (<see cref="AppendCoalescer"/>), and the room's answer: completed
/// once, after the write that stored it committed, or failed with the error the room log handles.
/// </summary>
internal sealed class RoomAppend(RoomBatch batch, long estimatedBytes, CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource<IReadOnlyList<AppendOutcome>> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RoomBatch Batch { get; } = batch;

    public int Rows => Batch.Messages.Count;

    public long EstimatedBytes { get; } = estimatedBytes;

    /// <summary>Observed while the batch waits; once taken into a write it is written (other rooms share that statement).</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    public Task<IReadOnlyList<AppendOutcome>> Answer => _completion.Task;

    /// <summary>
    /// The span of the send that queued the batch (the room grain's call), open until the batch is answered: the
    /// write that carries this batch first runs under it, so a send's trace still reaches its INSERT.
    /// </summary>
    public Activity? Trace { get; } = Activity.Current;

    /// <summary>False once the room has its answer (a later write of the same group must skip it).</summary>
    public bool IsWaiting => !_completion.Task.IsCompleted;

    public void Complete(IReadOnlyList<AppendOutcome> outcomes) => _completion.TrySetResult(outcomes);

    public void Fail(Exception error) => _completion.TrySetException(error);

    public void Cancel() => _completion.TrySetCanceled(CancellationToken);
}
