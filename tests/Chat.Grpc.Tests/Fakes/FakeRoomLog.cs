using System.Collections.Concurrent;
using Chat.Errors;
using Chat.Gateway.Application;
using Chat.Gateway.Fanout;
using Chat.Messages;
using Chat.Rooms;
using Chat.Users;

namespace Chat.Grpc.Tests.Fakes;

/// <summary>
/// An application whose only working command is history: rooms are in-memory message logs with the real paging rules
/// (exclusive cursors, ascending results). Messages are committed by the test; <see cref="BeforeHistoryRead"/> lets a
/// test act while a reader is between two pages.
/// </summary>
internal sealed partial class FakeRoomLog : IChatApplication
{
    private readonly ConcurrentDictionary<string, List<ChatMessage>> _rooms = new();

    /// <summary>Rooms that answer NotFound, as a private room does to an outsider.</summary>
    public HashSet<string> HiddenRooms { get; } = [];

    /// <summary>Runs before each history read is answered.</summary>
    public Func<Task>? BeforeHistoryRead { get; set; }

    public ChatMessage Commit(string roomId, string content)
    {
        var log = _rooms.GetOrAdd(roomId, _ => []);
        lock (log)
        {
            var seq = log.Count + 1;
            var message = new ChatMessage(ChatMessage.MakeId(roomId, seq), roomId, seq, "u1", "alice", content, MessageTypes.Text, seq, null);
            log.Add(message);
            return message;
        }
    }

    public async Task<IReadOnlyList<ChatMessage>> GetMessagesAsync(
        Caller caller, string? roomId, long? beforeSeq, long? afterSeq, int? limit, CancellationToken cancellationToken = default)
    {
        ChatRules.ValidateRoomId(roomId);
        if (HiddenRooms.Contains(roomId))
        {
            throw ChatException.RoomNotFound(roomId);
        }
        if (BeforeHistoryRead is { } hook)
        {
            await hook();
        }
        var query = ChatRules.ValidateHistory(beforeSeq, afterSeq, limit);
        var log = _rooms.GetOrAdd(roomId, _ => []);
        lock (log)
        {
            var range = log.Where(m => (query.AfterSeq is null || m.Seq > query.AfterSeq) && (query.BeforeSeq is null || m.Seq < query.BeforeSeq));
            return query.AfterSeq is null
                ? range.TakeLast(query.Limit).ToList()
                : range.Take(query.Limit).ToList();
        }
    }

    public Task<AuthResult> RegisterAsync(string? username, string? email, string? password, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<AuthResult> LoginAsync(string? username, string? password, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task LogoutAsync(Caller caller, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<UserProfile> GetUserAsync(Caller caller, string? userId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<UserProfile> UpdateProfileAsync(Caller caller, string? email, string? avatar, string? displayName, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<RoomInfo>> ListRoomsAsync(Caller caller, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<RoomInfo> CreateRoomAsync(Caller caller, CreateRoomRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task AddMemberAsync(Caller caller, string? roomId, string? username, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<SendResult> SendMessageAsync(Caller caller, string? roomId, string? content, string? clientMessageId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<IReadOnlyList<OnlineUser>> GetOnlineUsersAsync(Caller caller, string? roomId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task<JoinResult> JoinRoomAsync(Caller caller, string? roomId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task LeaveRoomAsync(Caller caller, string? roomId, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task ConnectAsync(Caller caller, LiveConnection connection, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    public Task DisconnectAsync(Caller caller, CancellationToken cancellationToken = default) => throw new NotSupportedException();
}
