namespace Chat.Rooms;

/// <summary>
/// Typing indicators of a room (the same grain as <see cref="IRoomGrain"/>, key: room id). Never stored: a relayed
/// indicator is one <see cref="RoomEventKind.UserTyping"/> event on the room's stream, which gateways push to the
/// room's joined connections except the typer's own.
/// </summary>
[Alias("chat.IRoomTyping")]
public interface IRoomTyping : IGrainWithStringKey
{
    /// <summary>
    /// Relays that <paramref name="userId"/> is typing, at most once per <see cref="Errors.ChatRules.TypingInterval"/>
    /// per user (whatever the number of their connections and gateways). Returns false when the indicator was
    /// swallowed by that throttle. A room the user may not read answers <see cref="Errors.ChatErrorCode.NotFound"/>.
    /// </summary>
    [Alias("Typing")]
    Task<bool> Typing(string userId, string username);
}
