using Chat.Messages;

namespace Chat.Grains.Rooms;

/// <summary>
/// A room's newest messages (a contiguous, ascending run ending at the room's last seq), capped at a fixed size,
/// and the client ids of a larger window of recent messages for idempotent retries without a store read.
/// </summary>
public sealed class MessageCache(int capacity, int clientIdWindow)
{
    private readonly LinkedList<ChatMessage> _newest = new();
    private readonly Dictionary<(string UserId, string ClientId), long> _clientIds = [];
    private readonly Queue<(string UserId, string ClientId, long Seq)> _clientIdOrder = new();

    public IReadOnlyList<ChatMessage> Newest => [.. _newest];

    public int Count => _newest.Count;

    public long FirstSeq => _newest.First?.Value.Seq ?? 0;

    public void Add(ChatMessage message)
    {
        _newest.AddLast(message);
        if (_newest.Count > capacity)
        {
            _newest.RemoveFirst();
        }
        if (message.ClientMessageId is { } clientId)
        {
            RememberClientId(message.UserId, clientId, message.Seq);
        }
    }

    public void RememberClientId(string userId, string clientId, long seq)
    {
        _clientIds[(userId, clientId)] = seq;
        _clientIdOrder.Enqueue((userId, clientId, seq));
        while (_clientIdOrder.Count > clientIdWindow)
        {
            var (oldUser, oldClient, oldSeq) = _clientIdOrder.Dequeue();
            if (_clientIds.TryGetValue((oldUser, oldClient), out var current) && current == oldSeq)
            {
                _clientIds.Remove((oldUser, oldClient));
            }
        }
    }

    public bool TryGetSeq(string userId, string clientId, out long seq) => _clientIds.TryGetValue((userId, clientId), out seq);

    /// <summary>
    /// Puts a changed message's new state in place of its old one (if cached) and refreshes the quotes of cached replies
    /// to it, so that nothing read from the cache shows an edited-away or deleted text.
    /// </summary>
    public void Replace(ChatMessage changed)
    {
        for (var node = _newest.First; node is not null; node = node.Next)
        {
            if (node.Value.Seq == changed.Seq)
            {
                node.Value = changed;
            }
            else if (node.Value.ReplyTo?.Seq == changed.Seq)
            {
                node.Value = node.Value with { ReplyTo = ReplyTo.Of(changed) };
            }
        }
    }

    public ChatMessage? Find(long seq)
    {
        if (_newest.Count == 0 || seq < FirstSeq || seq > _newest.Last!.Value.Seq)
        {
            return null;
        }
        return _newest.FirstOrDefault(m => m.Seq == seq);
    }
}
