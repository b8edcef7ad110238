namespace Chat.Grains.Storage;

/// <summary>
/// The silo-wide write queue of the message log: room batches that arrive while
/// <see cref="MessageLogWriteOptions.MaxConcurrentWrites"/> writes are in flight wait, and the next free writer takes
/// every waiting batch, in arrival order, up to <see cref="MessageLogWriteOptions.MaxRowsPerWrite"/> rows and
/// <see cref="MessageLogWriteOptions.MaxBytesPerWrite"/> estimated bytes, as one group (one INSERT across rooms).
/// </summary>
/// <remarks>
/// Guaranteed: no timer — a batch that finds a writer free goes out at once, after one hand-off to the thread pool
/// (so a write never runs on a grain's scheduler); a group always holds at least one batch, so an oversized batch is
/// written on its own; every batch taken is answered by <c>write</c> (or failed with what it threw). Per-room order is
/// the room's: its log awaits each batch before it sends the next, so a room never has two batches queued.
/// </remarks>
internal sealed class AppendCoalescer(MessageLogWriteOptions options, Func<IReadOnlyList<RoomAppend>, Task> write)
{
    private readonly Lock _gate = new();
    private readonly Queue<RoomAppend> _waiting = new();
    private int _writers;

    /// <summary>Queues <paramref name="append"/> and starts a writer if one is free; returns the room's answer.</summary>
    public Task<IReadOnlyList<AppendOutcome>> Enqueue(RoomAppend append)
    {
        lock (_gate)
        {
            _waiting.Enqueue(append);
            if (_writers >= options.MaxConcurrentWrites)
            {
                return append.Answer;
            }
            _writers++;
        }
        // The writer serves every room: it must not carry the first caller's request context or trace.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(WriteWhileWaitingAsync);
        }
        return append.Answer;
    }

    private async Task WriteWhileWaitingAsync()
    {
        while (TakeGroup() is { } group)
        {
            try
            {
                await write(group);
            }
            catch (Exception ex)
            {
                // write answers every batch itself; this only keeps a bug from leaving rooms waiting for ever.
                foreach (var append in group)
                {
                    append.Fail(ex);
                }
            }
        }
    }

    /// <summary>The next group, or null (and this writer stops) when nothing waits.</summary>
    private List<RoomAppend>? TakeGroup()
    {
        lock (_gate)
        {
            var group = new List<RoomAppend>();
            var rows = 0;
            var bytes = 0L;
            while (_waiting.TryPeek(out var next)
                   && (group.Count == 0 || (rows + next.Rows <= options.MaxRowsPerWrite && bytes + next.EstimatedBytes <= options.MaxBytesPerWrite)))
            {
                _waiting.Dequeue();
                if (next.CancellationToken.IsCancellationRequested)
                {
                    next.Cancel();
                    continue;
                }
                group.Add(next);
                rows += next.Rows;
                bytes += next.EstimatedBytes;
            }
            if (group.Count == 0)
            {
                _writers--;
                return null;
            }
            return group;
        }
    }
}
