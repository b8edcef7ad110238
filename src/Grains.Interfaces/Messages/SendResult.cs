namespace Chat.Messages;

/// <summary>
/// The outcome of a send. <see cref="Created"/> is false when the (user, room, clientMessageId) was
/// already stored: <see cref="Message"/> is then the original, which is neither stored nor pushed again.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.SendResult")]
public sealed record SendResult(
    [property: Id(0)] ChatMessage Message,
    [property: Id(1)] bool Created);
