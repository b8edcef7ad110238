using Chat.Gateway.Fanout;
using Chat.Rooms;

namespace Chat.Gateway.Tests.Fanout;

/// <summary>A transport that records what each of its connections received, or throws when told to.</summary>
internal sealed class RecordingTransport : ILiveTransport
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<RoomEvent>> _received = [];

    public bool Throws { get; set; }

    public Task AddToRoomAsync(LiveConnection connection, string roomId) => Task.CompletedTask;

    public Task RemoveFromRoomAsync(LiveConnection connection, string roomId) => Task.CompletedTask;

    public void Deliver(RoomEvent roomEvent, IReadOnlyList<LiveConnection> members, IReadOnlyList<LiveConnection> excluded)
    {
        if (Throws)
        {
            throw new InvalidOperationException("transport failure");
        }
        lock (_gate)
        {
            foreach (var member in members.Where(m => !excluded.Contains(m)))
            {
                (_received.TryGetValue(member.Id, out var list) ? list : _received[member.Id] = []).Add(roomEvent);
            }
        }
    }

    public RoomEvent[] Received(string connectionId)
    {
        lock (_gate)
        {
            return _received.TryGetValue(connectionId, out var list) ? [.. list] : [];
        }
    }

    public LiveConnection Connection(string id, string userId) => new TestConnection(id, userId, this);

    private sealed class TestConnection(string id, string userId, ILiveTransport transport) : LiveConnection(id, userId, userId)
    {
        public override ILiveTransport Transport => transport;
    }
}
