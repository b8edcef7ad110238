namespace Chat.Gateway.Hubs;

// Typing indicators on the hub (docs/PROTOCOL.md, "Typing"); profiles are REST and gRPC only.
public sealed partial class ChatHub
{
    /// <summary>The caller is typing in <paramref name="roomId"/>: the room's other joined connections get <c>UserTyping</c>.</summary>
    public Task Typing(string roomId) => chat.TypingAsync(Caller, roomId, Context.ConnectionAborted);
}
