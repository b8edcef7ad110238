using Chat.Contracts;
using Microsoft.Extensions.Logging;

namespace Chat.Client.Delivery;

/// <summary>Reads one page of a room's change feed: the oldest <c>limit</c> changes with changeSeq &gt; <c>afterChange</c>.</summary>
internal delegate Task<ChangesDto> ChangeReader(string roomId, long afterChange, int limit, CancellationToken cancellationToken);

/// <summary>
/// One joined room's changes to existing messages: hands the application every change in changeSeq order, exactly once,
/// whether it was pushed live (<c>MessageUpdated</c>) or read from the room's change feed. The rules are
/// <see cref="OrderedFeed{T}"/>'s, with no gap delay: changes are pushed to every connection in order, so a gap means
/// the missing ones were lost, and they are read at once. A failed read is retried with back-off unless the room
/// refused it. A change carries the message's whole state, so applying them in order ends with each message as it is.
/// </summary>
internal sealed class ChangeStream : IAsyncDisposable
{
    private readonly OrderedFeed<MessageUpdatedDto> _feed;

    /// <param name="resumeAfter">The last changeSeq the application already has; null starts at the room's lastChangeSeq at the first join.</param>
    public ChangeStream(string roomId, long? resumeAfter, ChangeReader read, Action<MessageUpdatedDto> apply, ChatClientOptions options)
    {
        var kind = new OrderedFeedKind<MessageUpdatedDto>(roomId, "changes", update => update.ChangeSeq, GapFillDelay: TimeSpan.Zero);
        _feed = new OrderedFeed<MessageUpdatedDto>(kind, resumeAfter, ReadPage, apply, options, options.LoggerFactory.CreateLogger<ChangeStream>());

        async Task<FeedPage<MessageUpdatedDto>> ReadPage(long afterChange, int limit, CancellationToken cancellationToken)
        {
            var page = await read(roomId, afterChange, limit, cancellationToken);
            return new FeedPage<MessageUpdatedDto>([.. page.Changes.Select(change => new MessageUpdatedDto(roomId, change.ChangeSeq, change.Message))], page.LastChangeSeq);
        }
    }

    /// <summary>The changeSeq of the last change applied (the starting point before the first; null until the first join answered).</summary>
    public long? LastApplied => _feed.LastDelivered;

    public void Offer(MessageUpdatedDto update) => _feed.Offer(update);

    /// <summary>A (re)join answered: the room has changes up to <paramref name="lastChangeSeq"/>.</summary>
    public void Joined(long lastChangeSeq) => _feed.Joined(lastChangeSeq);

    /// <summary>Reads the change feed after the last applied change until it is exhausted; completes when those are applied.</summary>
    public Task CatchUpAsync(CancellationToken cancellationToken) => _feed.CatchUpAsync(cancellationToken);

    public ValueTask DisposeAsync() => _feed.DisposeAsync();
}
