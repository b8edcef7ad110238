using System.Threading.Channels;
using Chat.Contracts;
using Microsoft.Extensions.Logging;

namespace Chat.Client.Delivery;

/// <summary>Reads one page of a room's history: the oldest <c>limit</c> messages with seq &gt; <c>afterSeq</c>, ascending.</summary>
internal delegate Task<IReadOnlyList<MessageDto>> HistoryReader(string roomId, long afterSeq, int limit, CancellationToken cancellationToken);

/// <summary>
/// One joined room's delivery: hands the application every message in seq order, exactly once, whichever way it
/// arrived (pushed live, the result of an own send, or fetched from history).
/// <list type="bullet">
/// <item>seq == last + 1 is delivered at once (and so is whatever buffered message follows it);</item>
/// <item>seq ≤ last is a duplicate and dropped;</item>
/// <item>a later seq waits in a buffer; if the gap has not closed by itself within
/// <see cref="ChatClientOptions.GapFillDelay"/>, the missing range is read from history, page by page;</item>
/// <item>after a (re)join the room's lastSeq is known, and everything up to it is read from history at once;</item>
/// <item>a history read that fails is retried with back-off, unless the room refused the reader (gone, no access).</item>
/// </list>
/// All of it runs on one loop per room, so the application sees one message at a time per room, never a gap.
/// </summary>
internal sealed partial class RoomStream : IAsyncDisposable
{
    private readonly Channel<Input> _inputs = Channel.CreateUnbounded<Input>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SortedList<long, DeliveredMessage> _buffer = [];
    private readonly List<TaskCompletionSource> _syncWaiters = [];
    private readonly string _roomId;
    private readonly long? _resumeAfter;
    private readonly HistoryReader _history;
    private readonly Action<DeliveredMessage> _deliver;
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

    /// <param name="resumeAfter">The last seq the application already has; null starts at the room's lastSeq at the first join.</param>
    public RoomStream(string roomId, long? resumeAfter, HistoryReader history, Action<DeliveredMessage> deliver, ChatClientOptions options)
    {
        _roomId = roomId;
        _resumeAfter = resumeAfter;
        _history = history;
        _deliver = deliver;
        _options = options;
        _logger = options.LoggerFactory.CreateLogger<RoomStream>();
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The seq of the last message delivered (the starting point before the first; null until the first join answered).</summary>
    public long? LastDelivered => Volatile.Read(ref _lastPublished) is var last and >= 0 ? last : null;

    public void Offer(MessageDto message, DeliverySource source) => _inputs.Writer.TryWrite(new Input.Message(new DeliveredMessage(message, source)));

    /// <summary>A (re)join answered: the room has messages up to <paramref name="lastSeq"/>; fetch what is missing now.</summary>
    public void Joined(long lastSeq) => _inputs.Writer.TryWrite(new Input.Joined(lastSeq));

    /// <summary>Reads history after the last delivered message until it is exhausted; completes when those are delivered.</summary>
    public Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inputs.Writer.TryWrite(new Input.CatchUp(done)))
        {
            done.TrySetException(new ObjectDisposedException(nameof(RoomStream)));
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
            case Input.Message { Delivered: var delivered }:
                Buffer(delivered);
                break;
            case Input.Joined { LastSeq: var lastSeq }:
                if (_last is null)
                {
                    _last = _resumeAfter ?? lastSeq;
                    Volatile.Write(ref _lastPublished, _last.Value);
                    while (_buffer.Count > 0 && _buffer.Keys[0] <= _last)
                    {
                        _buffer.RemoveAt(0);
                    }
                }
                _known = Math.Max(_known, lastSeq);
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

    private void Buffer(DeliveredMessage delivered)
    {
        var seq = delivered.Message.Seq;
        _known = Math.Max(_known, seq);
        if (seq <= _last || _buffer.ContainsKey(seq))
        {
            return;
        }
        _buffer.Add(seq, delivered);
        if (_buffer.Count > _options.MaxBufferedPerRoom)
        {
            // The newest are fetched again once the gap closes (_known remembers them).
            _buffer.RemoveAt(_buffer.Count - 1);
        }
    }

    /// <summary>Delivers what is contiguous, then fills gaps from history while a fill is due.</summary>
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
            if (!_fillDue)
            {
                // A gap seen in live traffic: the missing message is probably on its way; give it a moment.
                ArmTimer(_options.GapFillDelay);
                return;
            }

            IReadOnlyList<MessageDto> page;
            try
            {
                page = await _history(_roomId, _last.Value, _options.HistoryPageSize, cancellationToken);
                _failedFills = 0;
            }
            catch (ChatClientException exception) when (IsAccessRefusal(exception))
            {
                // The room is gone or access was withdrawn: nothing to retry until the next join.
                _fillDue = false;
                LogFillRefused(_logger, _roomId, _last.Value, exception.Message);
                FailSyncWaiters(exception);
                return;
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Anything else (the store or the connection recovering, a time-out, an error while the server restarts)
                // may pass: retry with back-off. Giving up here would strand every message after the gap until the next
                // join, and no further traffic may come to trigger another fill.
                _failedFills++;
                _fillDue = false;
                LogFillFailed(_logger, _roomId, _last.Value, exception.Message);
                ArmTimer(Backoff.Delay(_failedFills, _options.InitialReconnectDelay, _options.MaxReconnectDelay));
                return;
            }

            foreach (var message in page)
            {
                Buffer(new DeliveredMessage(message, DeliverySource.History));
            }
            if (page.Count < _options.HistoryPageSize)
            {
                // History is exhausted as of now: everything it had is delivered.
                DeliverContiguous();
                CompleteSyncWaiters();
                _fillDue = false;
                if (_known > _last)
                {
                    // Seen but not (yet) in history: only possible if a store lags; look again later.
                    LogMissingFromHistory(_logger, _roomId, _last.Value, _known);
                    ArmTimer(_options.MaxReconnectDelay);
                }
                return;
            }
        }
    }

    /// <summary>The server refused the reader for good: the room does not exist for it (any more) or it may not read it.</summary>
    private static bool IsAccessRefusal(ChatClientException exception) =>
        exception.Error is ChatError.NotFound or ChatError.Forbidden or ChatError.Unauthorized or ChatError.BadRequest;

    private void DeliverContiguous()
    {
        while (_buffer.Count > 0 && _buffer.Keys[0] <= _last + 1)
        {
            var (seq, delivered) = (_buffer.Keys[0], _buffer.Values[0]);
            _buffer.RemoveAt(0);
            if (seq <= _last)
            {
                continue;
            }
            _last = seq;
            Volatile.Write(ref _lastPublished, seq);
            try
            {
                _deliver(delivered);
            }
            catch (Exception exception)
            {
                LogHandlerFailed(_logger, exception, _roomId, seq);
            }
        }
    }

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
        public sealed record Message(DeliveredMessage Delivered) : Input;

        public sealed record Joined(long LastSeq) : Input;

        public sealed record CatchUp(TaskCompletionSource Done) : Input;

        public sealed record TimerFired : Input;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId}: reading history after seq {AfterSeq} failed; retrying: {Reason}")]
    private static partial void LogFillFailed(ILogger logger, string roomId, long afterSeq, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId}: reading history after seq {AfterSeq} was refused: {Reason}")]
    private static partial void LogFillRefused(ILogger logger, string roomId, long afterSeq, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId}: history ends at seq {LastSeq} but seq {KnownSeq} was seen; looking again later")]
    private static partial void LogMissingFromHistory(ILogger logger, string roomId, long lastSeq, long knownSeq);

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId}: the message handler failed on seq {Seq}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string roomId, long seq);
}
