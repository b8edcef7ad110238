using System.Threading.Channels;
using Chat.Contracts;
using Microsoft.Extensions.Logging;

namespace Chat.Client.Delivery;

/// <summary>Reads one page of a room's change feed: the oldest <c>limit</c> changes with changeSeq &gt; <c>afterChange</c>.</summary>
internal delegate Task<ChangesDto> ChangeReader(string roomId, long afterChange, int limit, CancellationToken cancellationToken);

/// <summary>
/// One joined room's changes to existing messages: hands the application every change in changeSeq order, exactly once,
/// whether it was pushed live (<c>MessageUpdated</c>) or read from the room's change feed.
/// <list type="bullet">
/// <item>changeSeq == last + 1 is applied at once (and whatever buffered change follows it);</item>
/// <item>changeSeq ≤ last is a duplicate and dropped;</item>
/// <item>a later changeSeq reveals a gap: changes are pushed to every connection in order, so the missing ones were
/// lost, and they are read from the change feed at once (page by page), then the buffer is applied;</item>
/// <item>after a (re)join the room's lastChangeSeq is known, and everything up to it is read at once.</item>
/// </list>
/// A change carries the message's whole state, so applying them in order ends with each message as it is.
/// </summary>
internal sealed partial class ChangeStream : IAsyncDisposable
{
    private readonly Channel<object> _inputs = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SortedList<long, MessageUpdatedDto> _buffer = [];
    private readonly List<TaskCompletionSource> _waiters = [];
    private readonly string _roomId;
    private readonly long? _resumeAfter;
    private readonly ChangeReader _read;
    private readonly Action<MessageUpdatedDto> _apply;
    private readonly ChatClientOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long? _last;
    private long _known;
    private int _failedReads;
    private long _lastApplied = -1;

    /// <param name="resumeAfter">The last changeSeq the application already has; null starts at the room's lastChangeSeq at the first join.</param>
    public ChangeStream(string roomId, long? resumeAfter, ChangeReader read, Action<MessageUpdatedDto> apply, ChatClientOptions options)
    {
        _roomId = roomId;
        _resumeAfter = resumeAfter;
        _read = read;
        _apply = apply;
        _options = options;
        _logger = options.LoggerFactory.CreateLogger<ChangeStream>();
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The changeSeq of the last change applied (the starting point before the first; null until the first join answered).</summary>
    public long? LastApplied => Volatile.Read(ref _lastApplied) is var last and >= 0 ? last : null;

    public void Offer(MessageUpdatedDto update) => _inputs.Writer.TryWrite(update);

    /// <summary>A (re)join answered: the room has changes up to <paramref name="lastChangeSeq"/>.</summary>
    public void Joined(long lastChangeSeq) => _inputs.Writer.TryWrite(new JoinAnswered(lastChangeSeq));

    /// <summary>Reads the change feed after the last applied change until it is exhausted; completes when those are applied.</summary>
    public Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!_inputs.Writer.TryWrite(done))
        {
            done.TrySetException(new ObjectDisposedException(nameof(ChangeStream)));
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
                switch (input)
                {
                    case MessageUpdatedDto update:
                        Buffer(update);
                        break;
                    case JoinAnswered joined:
                        Start(joined.LastChangeSeq);
                        break;
                    case TaskCompletionSource waiter:
                        _waiters.Add(waiter);
                        break;
                }
                await AdvanceAsync(_stop.Token);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        finally
        {
            _waiters.ForEach(waiter => waiter.TrySetCanceled());
        }
    }

    private void Start(long lastChangeSeq)
    {
        if (_last is null)
        {
            _last = _resumeAfter ?? lastChangeSeq;
            Volatile.Write(ref _lastApplied, _last.Value);
        }
        _known = Math.Max(_known, lastChangeSeq);
    }

    private void Buffer(MessageUpdatedDto update)
    {
        _known = Math.Max(_known, update.ChangeSeq);
        if (update.ChangeSeq > (_last ?? 0) && _buffer.Count < _options.MaxBufferedPerRoom)
        {
            _buffer.TryAdd(update.ChangeSeq, update);
        }
    }

    /// <summary>Applies what is contiguous, then reads the change feed while a change is known to be missing or a catch-up waits.</summary>
    private async Task AdvanceAsync(CancellationToken cancellationToken)
    {
        while (_last is not null)
        {
            ApplyContiguous();
            if (_known <= _last && _waiters.Count == 0)
            {
                return;
            }
            ChangesDto page;
            try
            {
                page = await _read(_roomId, _last.Value, _options.HistoryPageSize, cancellationToken);
                _failedReads = 0;
            }
            catch (ChatClientException exception) when (exception.IsTransient)
            {
                // Read again after a pause (an input arriving meanwhile tries sooner); the next (re)join reads it too.
                LogReadFailed(_logger, _roomId, _last.Value, exception.Message);
                var pause = Backoff.Delay(++_failedReads, _options.InitialReconnectDelay, _options.MaxReconnectDelay);
                _ = Task.Delay(pause, _stop.Token).ContinueWith(
                    _ => _inputs.Writer.TryWrite(new JoinAnswered(0)), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Refused (the room is gone, or access was withdrawn): nothing to read until the next join.
                LogReadRefused(_logger, _roomId, _last.Value, exception.Message);
                _known = _last.Value;
                _waiters.ForEach(waiter => waiter.TrySetException(exception));
                _waiters.Clear();
                return;
            }
            _known = Math.Max(_known, page.LastChangeSeq);
            foreach (var change in page.Changes)
            {
                Buffer(new MessageUpdatedDto(_roomId, change.ChangeSeq, change.Message));
            }
            if (page.Changes.Count < _options.HistoryPageSize)
            {
                ApplyContiguous();
                _known = Math.Min(_known, _last.Value); // the feed is exhausted as of now
                _waiters.ForEach(waiter => waiter.TrySetResult());
                _waiters.Clear();
                return;
            }
        }
    }

    private void ApplyContiguous()
    {
        while (_buffer.Count > 0 && _buffer.Keys[0] <= _last + 1)
        {
            var (changeSeq, update) = (_buffer.Keys[0], _buffer.Values[0]);
            _buffer.RemoveAt(0);
            if (changeSeq <= _last)
            {
                continue;
            }
            _last = changeSeq;
            Volatile.Write(ref _lastApplied, changeSeq);
            try
            {
                _apply(update);
            }
            catch (Exception exception)
            {
                LogHandlerFailed(_logger, exception, _roomId, changeSeq);
            }
        }
    }

    private sealed record JoinAnswered(long LastChangeSeq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId}: reading changes after {AfterChange} failed; retrying: {Reason}")]
    private static partial void LogReadFailed(ILogger logger, string roomId, long afterChange, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId}: reading changes after {AfterChange} was refused: {Reason}")]
    private static partial void LogReadRefused(ILogger logger, string roomId, long afterChange, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Room {RoomId}: the change handler failed on change {ChangeSeq}")]
    private static partial void LogHandlerFailed(ILogger logger, Exception exception, string roomId, long changeSeq);
}
