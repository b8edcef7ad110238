using System.Collections.Immutable;
using Chat.Errors;
using Chat.Grains.Observability;
using Chat.Grains.Rooms;
using Chat.Grains.Storage;
using Chat.Messages;
using Chat.Rooms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Grains.Tests.Rooms;

/// <summary>
/// The room's group commit, driven write by write: the log holds each append until the test lets it finish, so which
/// sends share a batch is decided by the test, not by timing.
/// </summary>
public sealed class RoomMessageLogTests
{
    private readonly HeldLog _log = new();
    private readonly List<long[]> _published = [];
    private readonly TaskCompletionSource _twoPublished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _storeFailed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _storeFailures;

    [Fact]
    public async Task Sends_that_arrive_while_a_write_is_in_flight_are_stored_together_in_the_next_batch_and_published_in_seq_order()
    {
        var messages = MessageLog();

        var first = messages.SendAsync(Pending("one"), null);
        var second = messages.SendAsync(Pending("two"), null);
        var third = messages.SendAsync(Pending("three"), null);
        await _log.Requested(0);
        _log.Finish(0);
        await _log.Requested(1);
        _log.Finish(1);
        await _twoPublished.Task;

        Assert.Equal(1, (await first).Message.Seq);
        var (secondSeq, thirdSeq) = ((await second).Message.Seq, (await third).Message.Seq);
        Assert.Equal((2L, 3L), (secondSeq, thirdSeq));
        Assert.Equal([1, 2], _log.BatchSizes);
        Assert.Equal([[1L], [2L, 3L]], _published);
        Assert.Equal(3, messages.LastSeq);
    }

    [Fact]
    public async Task A_failed_write_fails_every_waiting_send_with_a_retryable_error_and_asks_for_a_reload()
    {
        var messages = MessageLog();

        var inFlight = messages.SendAsync(Pending("one"), null);
        var queued = messages.SendAsync(Pending("two"), null);
        await _log.Requested(0);
        _log.Fail(0, new TimeoutException("the database did not answer"));
        await _storeFailed.Task;

        Assert.Equal(ChatErrorCode.Unavailable, (await Assert.ThrowsAsync<ChatException>(() => inFlight)).Code);
        Assert.Equal(ChatErrorCode.Unavailable, (await Assert.ThrowsAsync<ChatException>(() => queued)).Code);
        Assert.Equal(1, _storeFailures);
        Assert.Empty(_published);
    }

    [Fact]
    public async Task A_retry_of_a_queued_send_answers_the_same_message_without_storing_it_twice()
    {
        var messages = MessageLog();

        var writing = messages.SendAsync(Pending("first"), null);
        var original = messages.SendAsync(Pending("hello", clientId: "c-1"), null);
        var retry = messages.SendAsync(Pending("hello", clientId: "c-1"), null);
        await _log.Requested(0);
        _log.Finish(0);
        await _log.Requested(1);
        _log.Finish(1);

        await writing;
        Assert.True((await original).Created);
        var repeated = await retry;
        Assert.False(repeated.Created);
        Assert.Equal((await original).Message, repeated.Message);
        Assert.Equal([1, 1], _log.BatchSizes);
    }

    private RoomMessageLog MessageLog()
    {
        var metrics = new ChatGrainMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        return new RoomMessageLog("lobby", Guid.NewGuid(), _log, new RoomOptions(), TimeProvider.System, metrics,
            events =>
            {
                lock (_published)
                {
                    _published.Add([.. events.Select(e => e.Message!.Seq)]);
                    if (_published.Count == 2)
                    {
                        _twoPublished.TrySetResult();
                    }
                }
                return Task.CompletedTask;
            },
            () =>
            {
                Interlocked.Increment(ref _storeFailures);
                _storeFailed.TrySetResult();
            },
            NullLogger.Instance);
    }

    private static PendingMessage Pending(string content, string? clientId = null) => new("u1", "ann", content, clientId, 0);

    /// <summary>A message log whose appends wait for the test; seqs assigned as the real log does.</summary>
    private sealed class HeldLog : IMessageLog
    {
        private readonly List<(long NextSeq, IReadOnlyList<PendingMessage> Batch, TaskCompletionSource<IReadOnlyList<AppendOutcome>> Done)> _appends = [];
        private readonly List<TaskCompletionSource> _requested = [];

        public int[] BatchSizes
        {
            get
            {
                lock (_appends)
                {
                    return [.. _appends.Select(a => a.Batch.Count)];
                }
            }
        }

        /// <summary>Completes when the room has asked for append number <paramref name="index"/>.</summary>
        public Task Requested(int index)
        {
            lock (_appends)
            {
                return Signal(index).Task;
            }
        }

        private TaskCompletionSource Signal(int index)
        {
            while (_requested.Count <= index)
            {
                _requested.Add(new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
            return _requested[index];
        }

        /// <summary>Lets append number <paramref name="index"/> commit; the room's next batch starts before this returns.</summary>
        public void Finish(int index)
        {
            (long, IReadOnlyList<PendingMessage>, TaskCompletionSource<IReadOnlyList<AppendOutcome>>) append;
            lock (_appends)
            {
                append = _appends[index];
            }
            var (nextSeq, batch, done) = append;
            done.SetResult([.. batch.Select((m, i) => new AppendOutcome(
                new ChatMessage($"lobby:{nextSeq + i}", "lobby", nextSeq + i, m.UserId, m.Username, m.Content, "text", m.CreatedAt, m.ClientMessageId), true))]);
        }

        public void Fail(int index, Exception exception)
        {
            lock (_appends)
            {
                _appends[index].Done.SetException(exception);
            }
        }

        public Task<IReadOnlyList<AppendOutcome>> AppendAsync(string roomId, long nextSeq, IReadOnlyList<PendingMessage> batch, CancellationToken cancellationToken = default)
        {
            var done = new TaskCompletionSource<IReadOnlyList<AppendOutcome>>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_appends)
            {
                _appends.Add((nextSeq, batch, done));
                Signal(_appends.Count - 1).TrySetResult();
            }
            return done.Task;
        }

        public Task<RoomLogSnapshot> LoadAsync(string roomId, int newestCount, int clientIdWindow, CancellationToken cancellationToken = default) =>
            Task.FromResult(new RoomLogSnapshot(0, [], []));

        public Task<ImmutableArray<ChatMessage>> ReadAsync(string roomId, HistoryQuery query, CancellationToken cancellationToken = default) =>
            Task.FromResult(ImmutableArray<ChatMessage>.Empty);

        public Task<ChatMessage?> FindAsync(string roomId, long seq, CancellationToken cancellationToken = default) =>
            Task.FromResult<ChatMessage?>(null);

        public Task UpdateAsync(string roomId, long changeSeq, ChatMessage message, long changedAt, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<long> LastChangeSeqAsync(string roomId, CancellationToken cancellationToken = default) => Task.FromResult(0L);

        public Task<ImmutableArray<MessageChange>> ReadChangesAsync(string roomId, long afterChange, int limit, CancellationToken cancellationToken = default) =>
            Task.FromResult(ImmutableArray<MessageChange>.Empty);
    }
}
