using System.Collections.Immutable;
using Chat.Contracts;
using Chat.Messages;
using Chat.Rooms;

namespace Chat.Gateway.Mapping;

/// <summary>Replies, reactions and the change feed in their public shapes.</summary>
public static class MessageChangeMapping
{
    public static ReplyToDto ToDto(this ReplyTo r) => new(r.Seq, r.UserId, r.Username, r.Excerpt);

    public static ReactionDto[] ToDtos(this ImmutableArray<MessageReaction> reactions) =>
        [.. reactions.Select(r => new ReactionDto(r.Emoji, r.Count, r.UserIds))];

    public static MessageChangeDto ToDto(this MessageChange change) => new(change.ChangeSeq, change.Message.ToDto());

    public static ChangesDto ToDto(this ChangePage page) => new([.. page.Changes.Select(ToDto)], page.LastChangeSeq);

    /// <summary>A <see cref="RoomEventKind.MessageUpdated"/> event as <c>MessageUpdated</c> pushes it.</summary>
    public static MessageUpdatedDto ToUpdatedDto(this RoomEvent roomEvent) =>
        new(roomEvent.RoomId, roomEvent.ChangeSeq, roomEvent.Message!.ToDto());
}
