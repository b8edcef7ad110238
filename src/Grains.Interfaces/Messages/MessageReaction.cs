using System.Collections.Immutable;

namespace Chat.Messages;

/// <summary>One emoji on a message and who reacted with it (each user once, in the order they reacted).</summary>
[GenerateSerializer, Immutable, Alias("chat.MessageReaction")]
public sealed record MessageReaction(
    [property: Id(0)] string Emoji,
    [property: Id(1)] ImmutableArray<string> UserIds)
{
    public int Count => UserIds.Length;
}
