using Chat.Grains.Storage;

namespace Chat.Grains.Tests.Storage;

/// <summary>
/// The silo-wide write queue on its own, with a write the test holds: a lone batch goes out at once, batches that
/// arrive while writes are in flight go out together in arrival order within the bounds, and no more writes run at
/// once than allowed.
/// </summary>
public sealed class AppendCoalescerTests
{
    private readonly List<(string[] Rooms, TaskCompletionSource Release)> _writes = [];
    private readonly List<TaskCompletionSource> _writeStarted = [];

    [Fact]
    public async Task ALoneBatchIsWrittenAtOnceOnItsOwnAndAnsweredAfterItsWrite()
    {
        var coalescer = Coalescer(new MessageLogWriteOptions());

        var answer = coalescer.Enqueue(Append("a", rows: 3));
        await WriteStarted(0);

        Assert.Equal(["a"], Written(0));
        Assert.False(answer.IsCompleted);
        Release(0);
        Assert.Equal(3, (await answer).Count);
    }

    [Fact]
    public async Task BatchesArrivingWhileTheWriteIsInFlightGoOutTogetherInArrivalOrder()
    {
        var coalescer = Coalescer(new MessageLogWriteOptions { MaxConcurrentWrites = 1 });
        var first = coalescer.Enqueue(Append("a"));
        await WriteStarted(0);

        var later = new[] { "b", "c", "d" }.Select(room => coalescer.Enqueue(Append(room))).ToList();
        Release(0);
        await WriteStarted(1);
        Release(1);
        await Task.WhenAll(later.Append(first));

        Assert.Equal(["b", "c", "d"], Written(1));
        Assert.Equal(2, _writes.Count);
    }

    [Fact]
    public async Task AGroupStopsAtTheRowAndByteBoundsAndAnOversizedBatchGoesAlone()
    {
        var coalescer = Coalescer(new MessageLogWriteOptions { MaxConcurrentWrites = 1, MaxRowsPerWrite = 4, MaxBytesPerWrite = 65_536 });
        var first = coalescer.Enqueue(Append("held"));
        await WriteStarted(0);

        var later = new[]
        {
            coalescer.Enqueue(Append("big", rows: 9)),
            coalescer.Enqueue(Append("r1", rows: 2)),
            coalescer.Enqueue(Append("r2", rows: 2)),
            coalescer.Enqueue(Append("r3", rows: 1)),
            coalescer.Enqueue(Append("heavy", rows: 1, bytes: 65_500)),
        };
        for (var i = 0; i < 4; i++)
        {
            Release(i);
            await WriteStarted(i + 1);
        }
        Release(4);
        await Task.WhenAll(later.Append(first));

        Assert.Equal(["big"], Written(1));
        Assert.Equal(["r1", "r2"], Written(2));
        Assert.Equal(["r3"], Written(3));
        Assert.Equal(["heavy"], Written(4));
    }

    [Fact]
    public async Task NoMoreWritesRunAtOnceThanAllowed()
    {
        var coalescer = Coalescer(new MessageLogWriteOptions { MaxConcurrentWrites = 2 });
        var answers = new List<Task<IReadOnlyList<AppendOutcome>>> { coalescer.Enqueue(Append("a")) };
        await WriteStarted(0);
        answers.Add(coalescer.Enqueue(Append("b")));
        await WriteStarted(1);

        answers.Add(coalescer.Enqueue(Append("c")));
        answers.Add(coalescer.Enqueue(Append("d")));

        Assert.Equal(2, WriteCount());
        Release(0);
        await WriteStarted(2);
        Assert.Equal(["b"], Written(1));
        Assert.Equal(["c", "d"], Written(2));
        Release(1);
        Release(2);
        await Task.WhenAll(answers);
        Assert.Equal(3, WriteCount());
    }

    [Fact]
    public async Task AWriteThatThrowsFailsTheRoomsOfItsGroupAndLaterBatchesAreStillWritten()
    {
        var coalescer = new AppendCoalescer(new MessageLogWriteOptions(), group =>
            group.Any(a => a.Batch.RoomId == "bad") ? throw new InvalidOperationException("bug") : Answer(group));

        await Assert.ThrowsAsync<InvalidOperationException>(() => coalescer.Enqueue(Append("bad")));

        Assert.Single(await coalescer.Enqueue(Append("good")));
    }

    private AppendCoalescer Coalescer(MessageLogWriteOptions options) => new(options, async group =>
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_writes)
        {
            _writes.Add(([.. group.Select(a => a.Batch.RoomId)], release));
            Started(_writes.Count - 1).TrySetResult();
        }
        await release.Task;
        await Answer(group);
    });

    private static Task Answer(IReadOnlyList<RoomAppend> group)
    {
        foreach (var append in group)
        {
            append.Complete([.. append.Batch.Messages.Select((m, i) => new AppendOutcome(
                MySqlMessageRows.ToMessage(append.Batch.RoomId, append.Batch.NextSeq + i, m), Created: true))]);
        }
        return Task.CompletedTask;
    }

    private Task WriteStarted(int index)
    {
        lock (_writes)
        {
            return Started(index).Task;
        }
    }

    /// <summary>Write number <paramref name="index"/>'s start signal (call under the lock).</summary>
    private TaskCompletionSource Started(int index)
    {
        while (_writeStarted.Count <= index)
        {
            _writeStarted.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        }
        return _writeStarted[index];
    }

    private string[] Written(int index)
    {
        lock (_writes)
        {
            return _writes[index].Rooms;
        }
    }

    private int WriteCount()
    {
        lock (_writes)
        {
            return _writes.Count;
        }
    }

    private void Release(int index)
    {
        lock (_writes)
        {
            _writes[index].Release.TrySetResult();
        }
    }

    private static RoomAppend Append(string room, int rows = 1, long bytes = 100) =>
        new(new RoomBatch(room, 1, [.. Enumerable.Range(0, rows).Select(i => new PendingMessage("u1", "ann", $"m{i}", null, 0))]), bytes, CancellationToken.None);
}
