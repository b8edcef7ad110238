using Chat.Gateway.Application;
using Chat.Gateway.Auth;
using Chat.Gateway.Observability;
using Chat.Rooms;
using Chat.Users;
using Grpc.Core;
using V1 = Chat.Grpc.V1;

namespace Chat.Gateway.Grpc;

/// <summary>Between the application's records and the generated wire messages; no logic beyond shape.</summary>
internal static class GrpcMapping
{
    /// <summary>The caller of an <c>[Authorize]</c>d call, from the validated token only.</summary>
    public static Caller GetCaller(this ServerCallContext context) => context.GetHttpContext().User.ToCaller(ChatTransport.Grpc);

    /// <summary>The wire's "0 means none" for cursors and limits.</summary>
    public static long? NoneIfZero(long value) => value == 0 ? null : value;

    public static int? NoneIfZero(int value) => value == 0 ? null : value;

    public static V1.User ToGrpc(this UserProfile user) => new()
    {
        Id = user.Id,
        Username = user.Username,
        Email = user.Email,
        DisplayName = user.DisplayName,
        Avatar = user.Avatar ?? "",
        CreatedAt = user.CreatedAt,
    };

    public static V1.ChatMessage ToGrpc(this Messages.ChatMessage message)
    {
        var wire = message.ToGrpcCore();
        wire.Mentions.AddRange(message.Mentions ?? []);
        return wire;
    }

    private static V1.ChatMessage ToGrpcCore(this Messages.ChatMessage message) => new V1.ChatMessage
    {
        Id = message.Id,
        RoomId = message.RoomId,
        Seq = message.Seq,
        UserId = message.UserId,
        Username = message.Username,
        Content = message.Content,
        MessageType = message.MessageType,
        CreatedAt = message.CreatedAt,
        ClientMessageId = message.ClientMessageId ?? "",
        EditedAt = message.EditedAt ?? 0,
        Deleted = message.Deleted,
        ReplyTo = message.ReplyTo?.ToGrpc(),
        Attachments = { message.Attachments.IsDefaultOrEmpty ? Enumerable.Empty<V1.Attachment>() : message.Attachments.Select(a => a.ToGrpc()) },
    }.WithReactions(message.ReactionList);

    public static V1.Profile ToGrpc(this Application.Presence.PublicProfile profile) => new()
    {
        Id = profile.Profile.Id,
        Username = profile.Profile.Username,
        DisplayName = profile.Profile.DisplayName,
        Avatar = profile.Profile.Avatar ?? "",
        Online = profile.Presence.Online,
        LastSeenAt = profile.Presence.LastSeenAt ?? 0,
    };

    public static V1.Attachment ToGrpc(this Chat.Attachments.AttachmentInfo a) => new()
    {
        Id = a.Id,
        FileName = a.FileName,
        ContentType = a.ContentType,
        Size = a.Size,
        Width = a.Width ?? 0,
        Height = a.Height ?? 0,
    };

    public static V1.OnlineUser ToGrpc(this OnlineUser user) => new() { UserId = user.UserId, Username = user.Username };

    /// <summary>A room event on the wire; an event missing the part its kind needs is a bug of its publisher.</summary>
    public static V1.ChatEvent ToGrpc(this RoomEvent roomEvent) => roomEvent switch
    {
        { Kind: RoomEventKind.NewMessage, Message: { } message } => new V1.ChatEvent { NewMessage = message.ToGrpc() },
        { Kind: RoomEventKind.UserJoined, User: { } user } => new V1.ChatEvent { UserJoined = ToPresence(roomEvent.RoomId, user) },
        { Kind: RoomEventKind.UserLeft, User: { } user } => new V1.ChatEvent { UserLeft = ToPresence(roomEvent.RoomId, user) },
        { Kind: RoomEventKind.MessageUpdated, Message: { } message } => new V1.ChatEvent
        {
            MessageUpdated = new V1.MessageUpdated { RoomId = roomEvent.RoomId, ChangeSeq = roomEvent.ChangeSeq, Message = message.ToGrpc() },
        },
        _ => throw new ArgumentException($"A {roomEvent.Kind} event without its payload.", nameof(roomEvent)),
    };

    private static V1.PresenceEvent ToPresence(string roomId, OnlineUser user) =>
        new() { RoomId = roomId, UserId = user.UserId, Username = user.Username };
}
