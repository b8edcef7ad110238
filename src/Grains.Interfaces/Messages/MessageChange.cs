using System.Collections.Immutable;

namespace Chat.Messages;

/// <summary>
/// One entry of a room's change feed: change number <see cref="ChangeSeq"/> (per room, from 1, strictly increasing and
/// gap-free) touched the message whose state is <see cref="Message"/> (its whole current state).
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.MessageChange")]
public sealed record MessageChange(
    [property: Id(0)] long ChangeSeq,
    [property: Id(1)] ChatMessage Message);

/// <summary>A page of a room's change feed, ascending by changeSeq, and the room's newest changeSeq.</summary>
[GenerateSerializer, Immutable, Alias("chat.ChangePage")]
public sealed record ChangePage(
    [property: Id(0)] ImmutableArray<MessageChange> Changes,
    [property: Id(1)] long LastChangeSeq);
