using System.Collections.Immutable;
using Chat.Messages;

namespace Chat.Rooms;

/// <summary>
/// A room (key: room id): metadata and access list, the room's seq counter, who is online, a cache of
/// its newest messages. Every call that names a user checks access: a room the user may not see answers
/// <see cref="Errors.ChatErrorCode.NotFound"/>, exactly as a room that does not exist.
/// </summary>
[Alias("chat.IRoomGrain")]
public interface IRoomGrain : IGrainWithStringKey, IRoomMessageChanges
{
    /// <summary>Creates the room; <see cref="Errors.ChatErrorCode.Conflict"/> if it exists.</summary>
    [Alias("Create")]
    Task<RoomInfo> Create(NewRoom room);

    /// <summary>Creates the room unless it exists (the default rooms at start-up). Idempotent.</summary>
    [Alias("EnsureCreated")]
    Task<RoomInfo> EnsureCreated(NewRoom room);

    /// <summary>The room as <paramref name="userId"/> may see it.</summary>
    [Alias("GetInfo")]
    Task<RoomInfo> GetInfo(string userId);

    /// <summary>Adds a member to a private room. Only the creator may; others get Forbidden (or NotFound without access).</summary>
    [Alias("AddMember")]
    Task AddMember(string callerId, string memberUserId);

    /// <summary>
    /// Validates, assigns the next seq, appends to the message log and returns only after the row is
    /// committed; then publishes <see cref="RoomEventKind.NewMessage"/>. A known (user, clientMessageId)
    /// returns the original with <see cref="SendResult.Created"/> false.
    /// </summary>
    [Alias("Send")]
    Task<SendResult> Send(PostMessage message);

    /// <summary>A page of history, ascending by seq.</summary>
    [Alias("GetMessages")]
    Task<ImmutableArray<ChatMessage>> GetMessages(string userId, HistoryQuery query);

    /// <summary>Registers a live connection; publishes UserJoined when it is the user's first.</summary>
    [Alias("Join")]
    Task<JoinResult> Join(ConnectionPresence connection);

    /// <summary>Removes a live connection; publishes UserLeft when it was the user's last. Idempotent.</summary>
    [Alias("Leave")]
    Task Leave(string gatewayId, string connectionId);

    /// <summary>Users online now (each once, however many connections they have).</summary>
    [Alias("GetOnlineUsers")]
    Task<ImmutableArray<OnlineUser>> GetOnlineUsers(string userId);

    /// <summary>Removes every connection of a gateway whose lease lapsed (no ghosts stay online).</summary>
    [Alias("DropGateway")]
    Task DropGateway(string gatewayId);

    /// <summary>
    /// Replaces what the room knows of one gateway's connections with <paramref name="connections"/> and
    /// returns the room's current epoch. Gateways call it when they see a new epoch or re-subscribe.
    /// </summary>
    [Alias("SyncGateway")]
    Task<Guid> SyncGateway(string gatewayId, ImmutableArray<ConnectionPresence> connections);

    /// <summary>The room's activation epoch (changes when presence had to be rebuilt).</summary>
    [Alias("GetEpoch")]
    Task<Guid> GetEpoch();
}
