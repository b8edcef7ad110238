using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Chat.Client.Delivery;

/// <summary>One page read from a room's record: the oldest items after a key, and the highest key the server knows of (0 if it does not say).</summary>
internal sealed record FeedPage<T>(IReadOnlyList<T> Items, long Known);

/// <summary>Reads one page: the oldest <c>limit</c> items with a key &gt; <c>after</c>, ascending.</summary>
internal delegate Task<FeedPage<T>> FeedPageReader<T>(long after, int limit, CancellationToken cancellationToken);

/// <summary>What a kind of ordered feed (a room's messages, its changes) supplies to <see cref="OrderedFeed{T}"/>.</summary>
/// <param name="RoomId">The room, for log lines.</param>
/// <param name="Record">What the reader reads ("history", "changes"), for log lines.</param>
/// <param name="KeyOf">An item's key (seq, changeSeq): consecutive numbers from 1.</param>
/// <param name="FromRecord">Wraps an item read from the record the way the application receives it.</param>
/// <param name="GapFillDelay">How long a gap seen in live traffic may close by itself before it is read (zero: at once).</param>
internal sealed record OrderedFeedKind<T>(string RoomId, string Record, Func<T, long> KeyOf, TimeSpan GapFillDelay);

/// <summary>
/// Hands the application every item of one room's numbered record (messages by seq, changes by changeSeq) in key
/// order, exactly once, whichever way it arrived (pushed live, the answer to an own call, or read from the record).
/// <list type="bullet">
/// <item>key == last + 1 is delivered at once (and so is whatever buffered item follows it);</item>
/// <item>key ≤ last is a duplicate and dropped;</item>
/// <item>a later key waits in a buffer; if the gap has not closed by itself within the kind's gap delay, the missing
/// range is read, page by page;</item>
/// <item>after a (re)join the record's last key is known, and everything up to it is read at once;</item>
/// <item>a read that fails is retried with back-off, unless the room refused the reader (gone, no access, bad request).</item>
/// </list>
/// All of it runs on one loop, so the application sees one item at a time per feed, never a gap.
/// </summary>
internal sealed partial class OrderedFeed<T> : IAsyncDisposable
{
    private readonly Channel<Input> _inputs = Channel.CreateUnbounded<Input>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SortedList<long, T> _buffer = [];
    private readonly List<TaskCompletionSource> _syncWaiters = [];
    private readonly OrderedFeedKind<T> _kind;
    private readonly long? _resumeAfter;
    private readonly FeedPageReader<T> _read;
    private readonly Action<T> _deliver;
    private readonly ChatClientOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long? _last;
    private long _known;
    private bool _fillDue;
    private bool _timerArmed;
    private long _timerDue;
    private int _failedFills;
    private long _lastPublished = -1;

    /// <param name="resumeAfter">The last key the application already has; null starts at the record's last key at the first join.</param>
    public OrderedFeed(OrderedFeedKind<T> kind, long? resumeAfter, FeedPageReader<T> read, Action<T> deliver, ChatClientOptions options, ILogger logger)
    {
        _kind = kind;
        _resumeAfter = resumeAfter;
        _read = read;
        _deliver = deliver;
        _options = options;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The key of the last item delivered (the starting point before the first; null until the first join answered).</summary>
    public long? LastDelivered => Volatile.Read(ref _lastPublished) is var last and >= 0 ? last : null;

    public void Offer(T item) => _inputs.Writer.TryWrite(new Input.Item(item));

    /// <summary>A (re)join answered: the record holds items up to <paramref name="lastKey"/>; read what is missing now.</summary>
    public void Joined(long lastKey) => _inputs.Writer.TryWrite(new Input.Joined(lastKey));

    /// <summary>Reads the record after the last delivered item until it is exhausted; completes when those are delivered.</summary>
    public Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inputs.Writer.TryWrite(new Input.CatchUp(done)))
        {
            done.TrySetException(new ObjectDisposedException(nameof(OrderedFeed<T>)));
        }
        return done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _inputs.Writer.TryComplete();
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var input in _inputs.Reader.ReadAllAsync(_stop.Token))
            {
                Apply(input);
                await AdvanceAsync(_stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var waiter in _syncWaiters)
            {
                waiter.TrySetCanceled();
            }
        }
    }

    private void Apply(Input input)
    {
        switch (input)
        {
            case Input.Item { Value: var item }:
                Buffer(item);
                break;
            case Input.Joined { LastKey: var lastKey }:
                if (_last is null)
                {
                    _last = _resumeAfter ?? lastKey;
                    Volatile.Write(ref _lastPublished, _last.Value);
                    while (_buffer.Count > 0 && _buffer.Keys[0] <= _last)
                    {
                        _buffer.RemoveAt(0);
                    }
                }
                _known = Math.Max(_known, lastKey);
                _fillDue = true;
                break;
            case Input.CatchUp { Done: var done }:
                _syncWaiters.Add(done);
                _fillDue = true;
                break;
            case Input.TimerFired:
                _timerArmed = false;
                _fillDue = true;
                break;
        }
    }

    private void Buffer(T item)
    {
        var key = _kind.KeyOf(item);
        _known = Math.Max(_known, key);
        if (key <= _last || _buffer.ContainsKey(key))
        {
            return;
        }
        _buffer.Add(key, item);
        if (_buffer.Count > _options.MaxBufferedPerRoom)
        {
            // The newest are read again once the gap closes (_known remembers them).
            _buffer.RemoveAt(_buffer.Count - 1);
        }
    }

    /// <summary>Delivers what is contiguous, then fills gaps from the record while a fill is due.</summary>
    private async Task AdvanceAsync(CancellationToken cancellationToken)
    {
        if (_last is null)
        {
            return; // the first join has not answered: nothing can be placed yet
        }
        while (true)
        {
            DeliverContiguous();
            if (_known <= _last && _syncWaiters.Count == 0)
            {
                _fillDue = false;
                return;
            }
            if (!_fillDue && _kind.GapFillDelay > TimeSpan.Zero)
            {
                // A gap seen in live traffic: the missing item is probably on its way; give it a moment.
                ArmTimer(_kind.GapFillDelay);
                return;
            }

            FeedPage<T> page;
            try
            {
                page = await _read(_last.Value, _options.HistoryPageSize, cancellationToken);
                _failedFills = 0;
            }
            catch (ChatClientException exception) when (IsAccessRefusal(exception))
            {
                // The room is gone or access was withdrawn: nothing to retry until the next join.
                _fillDue = false;
                LogFillRefused(_logger, _kind.RoomId, _kind.Record, _last.Value, exception.Message);
                FailSyncWaiters(exception);
                return;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Anything else (the store or the connection recovering, a time-out, an error while the server restarts)
                // may pass: retry with back-off. Giving up here would strand every item after the gap until the next
                // join, and no further traffic may come to trigger another fill.
                _failedFills++;
                _fillDue = false;
                LogFillFailed(_logger, _kind.RoomId, _kind.Record, _last.Value, exception.Message);
                ArmTimer(Backoff.Delay(_failedFills, _options.InitialReconnectDelay, _options.MaxReconnectDelay));
                return;
            }

            _known = Math.Max(_known, page.Known);
            foreach (var item in page.Items)
            {
                Buffer(item);
            }
            if (page.Items.Count < _options.HistoryPageSize)
            {
                // The record is exhausted as of now: everything it had is delivered.
                DeliverContiguous();
                CompleteSyncWaiters();
                _fillDue = false;
                if (_known > _last)
                {
                    // Seen but not (yet) in the record: only possible if a store lags; look again later.
                    LogMissingFromRecord(_logger, _kind.RoomId, _kind.Record, _last.Value, _known);
                    ArmTimer(_options.MaxReconnectDelay);
                }
                return;
            }
        }
    }

    /// <summary>The server refused the reader for good: the room does not exist for it (any more) or it may not read it.</summary>
    private static bool IsAccessRefusal(ChatClientException exception) =>
        exception.Error is ChatError.NotFound or ChatError.Forbidden or ChatError.Unauthorized or ChatError.BadRequest;

    private void DeliverContiguous() =>
        Contiguous.Drain(_buffer, ref _last, key => Volatile.Write(ref _lastPublished, key), _deliver,
            (exception, key) => LogHandlerFailed(_logger, exception, _kind.RoomId, _kind.Record, key));

    private void CompleteSyncWaiters()
    {
        foreach (var waiter in _syncWaiters)
        {
            waiter.TrySetResult();
        }
        _syncWaiters.Clear();
    }

    private void FailSyncWaiters(Exception exception)
    {
        foreach (var waiter in _syncWaiters)
        {
            waiter.TrySetException(exception);
        }
        _syncWaiters.Clear();
    }

    /// <summary>Arms the fill timer, or brings it forward: a long back-off must not delay a fill a fresh gap asks for sooner.</summary>
    private void ArmTimer(TimeSpan delay)
    {
        var due = Environment.TickCount64 + (long)delay.TotalMilliseconds;
        if (_timerArmed && due >= _timerDue)
        {
            return;
        }
        _timerArmed = true;
        _timerDue = due;
        _ = Task.Delay(delay, _stop.Token).ContinueWith(
            _ => _inputs.Writer.TryWrite(new Input.TimerFired()),
            CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }

    private abstract record Input
    {
        public sealed record Item(T Value) : Input;

        public sealed record Joined(long LastKey) : Input;

        public sealed record CatchUp(TaskCompletionSource Done) : Input;

        public sealed record TimerFired : Input;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId}: reading {Record} after {AfterKey} failed; retrying: {Reason}")]
    private static partial void LogFillFailed(ILogger logger, string roomId, string record, long afterKey, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId}: reading {Record} after {AfterKey} was refused: {Reason}")]
    private static partial void LogFillRefused(ILogger logger, string roomId, string record, long afterKey, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId}: {Record} ends at {LastKey} but {KnownKey} was seen; looking again later")]
    private static partial void LogMissingFromRecord(ILogger logger, string roomId, string record, long lastKey, long knownKey);

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId}: the {Record} handler failed on {Key}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string roomId, string record, long key);
}
