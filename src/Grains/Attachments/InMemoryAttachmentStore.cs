using System.Collections.Concurrent;
using System.Collections.Immutable;
using Chat.Attachments;

namespace Chat.Grains.Attachments;

/// <summary>The embedded default's attachments: this process's memory, lost on exit.</summary>
public sealed class InMemoryAttachmentStore : IAttachmentStore
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new();
    private readonly Lock _claims = new();

    public Task BeginAsync(StoredAttachment attachment, byte[] firstChunk, CancellationToken cancellationToken = default)
    {
        _entries[attachment.Info.Id] = new Entry(attachment, [firstChunk]);
        return Task.CompletedTask;
    }

    public Task AppendAsync(string id, int index, byte[] chunk, CancellationToken cancellationToken = default)
    {
        if (_entries.TryGetValue(id, out var entry))
        {
            lock (entry)
            {
                if (index == entry.Chunks.Count && !entry.Attachment.Complete)
                {
                    entry.Chunks.Add(chunk);
                }
            }
        }
        return Task.CompletedTask;
    }

    public Task CompleteAsync(string id, long size, CancellationToken cancellationToken = default)
    {
        if (_entries.TryGetValue(id, out var entry))
        {
            lock (entry)
            {
                entry.Attachment = entry.Attachment with { Complete = true, Info = entry.Attachment.Info with { Size = size } };
            }
        }
        return Task.CompletedTask;
    }

    public Task<StoredAttachment?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(_entries.TryGetValue(id, out var entry) ? entry.Attachment : null);

    public Task<byte[]?> ReadChunkAsync(string id, int index, CancellationToken cancellationToken = default)
    {
        if (!_entries.TryGetValue(id, out var entry))
        {
            return Task.FromResult<byte[]?>(null);
        }
        lock (entry)
        {
            return Task.FromResult(entry.Attachment.Complete && index < entry.Chunks.Count ? entry.Chunks[index] : null);
        }
    }

    public Task<ImmutableArray<AttachmentInfo>> ClaimAsync(ImmutableArray<string> ids, string userId, string roomId, CancellationToken cancellationToken = default)
    {
        lock (_claims)
        {
            var entries = ids.Select(id => (Id: id, Entry: _entries.GetValueOrDefault(id))).ToList();
            foreach (var (id, entry) in entries)
            {
                AttachmentClaims.Check(id, entry?.Attachment, userId, roomId);
            }
            foreach (var (_, entry) in entries)
            {
                entry!.Attachment = entry.Attachment with { RoomId = roomId };
            }
            return Task.FromResult(entries.Select(e => e.Entry!.Attachment.Info).ToImmutableArray());
        }
    }

    public Task DeleteAsync(string id, CancellationToken cancellationToken = default)
    {
        _entries.TryRemove(id, out _);
        return Task.CompletedTask;
    }

    public Task<int> DeleteUnpostedAsync(long createdBefore, CancellationToken cancellationToken = default)
    {
        var stale = _entries.Where(e => e.Value.Attachment.RoomId is null && e.Value.Attachment.CreatedAt < createdBefore).Select(e => e.Key).ToList();
        lock (_claims)
        {
            return Task.FromResult(stale.Count(id => _entries.TryGetValue(id, out var entry) && entry.Attachment.RoomId is null && _entries.TryRemove(id, out _)));
        }
    }

    private sealed class Entry(StoredAttachment attachment, List<byte[]> chunks)
    {
        public StoredAttachment Attachment { get; set; } = attachment;
        public List<byte[]> Chunks { get; } = chunks;
    }
}
