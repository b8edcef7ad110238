using System.Collections.Frozen;
using Chat.Gateway.WebSockets;

namespace Chat.Gateway.Quotas;

/// <summary>
/// Every operation that spends a <see cref="RateQuota"/>, by the name each transport gives it: the one list to change
/// when an operation is added. (Each room of a gRPC <c>Subscribe</c> is a join too; its handler spends them at once.)
/// </summary>
public static class MeteredOperations
{
    /// <summary>REST endpoints and gRPC methods, as <c>"{HTTP method} {route pattern}"</c>.</summary>
    public static readonly FrozenDictionary<string, RateQuota> Http = new Dictionary<string, RateQuota>
    {
        ["GET /chat/rooms"] = RateQuota.Read,
        ["GET /chat/rooms/{roomId}/messages"] = RateQuota.Read,
        ["GET /chat/rooms/{roomId}/changes"] = RateQuota.Read,
        ["GET /chat/rooms/{roomId}/users"] = RateQuota.Read,
        ["GET /chat/search"] = RateQuota.Read,
        ["GET /users/me/rooms"] = RateQuota.Read,
        ["GET /users/me"] = RateQuota.Read,
        ["GET /users/{userId}"] = RateQuota.Read,
        ["GET /users/"] = RateQuota.Read,
        ["POST /chat/rooms/{roomId}/join"] = RateQuota.Join,
        ["POST /chat.v1.ChatService/GetMessages"] = RateQuota.Read,
        ["POST /chat.v1.ChatService/GetChanges"] = RateQuota.Read,
        ["POST /chat.v1.ChatService/GetOnlineUsers"] = RateQuota.Read,
        ["POST /chat.v1.ChatService/SearchMessages"] = RateQuota.Read,
        ["POST /chat.v1.ChatService/ListMyRooms"] = RateQuota.Read,
        ["POST /chat.v1.UserService/GetUser"] = RateQuota.Read,
        ["POST /chat.v1.UserService/GetProfiles"] = RateQuota.Read,
        ["POST /chat.v1.ChatService/JoinRoom"] = RateQuota.Join,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Methods of the SignalR hub.</summary>
    public static readonly FrozenDictionary<string, RateQuota> HubMethods = new Dictionary<string, RateQuota>
    {
        ["GetMessages"] = RateQuota.Read,
        ["GetChanges"] = RateQuota.Read,
        ["GetOnlineUsers"] = RateQuota.Read,
        ["SearchMessages"] = RateQuota.Read,
        ["GetMyRooms"] = RateQuota.Read,
        ["JoinRoom"] = RateQuota.Join,
        ["JoinMembership"] = RateQuota.Join,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Frame types of the raw WebSocket.</summary>
    public static readonly FrozenDictionary<string, RateQuota> WebSocketFrames = new Dictionary<string, RateQuota>
    {
        [FrameTypes.GetMessages] = RateQuota.Read,
        [MessageChangeFrameTypes.GetChanges] = RateQuota.Read,
        [FrameTypes.GetOnlineUsers] = RateQuota.Read,
        [FrameTypes.SearchMessages] = RateQuota.Read,
        [ConversationFrameTypes.GetMyRooms] = RateQuota.Read,
        [FrameTypes.JoinRoom] = RateQuota.Join,
        [ConversationFrameTypes.JoinMembership] = RateQuota.Join,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The quota an HTTP request (REST or gRPC) spends, or null.</summary>
    public static RateQuota? ForHttp(string method, string routePattern) =>
        Http.TryGetValue($"{method} {routePattern}", out var quota) ? quota : null;
}
