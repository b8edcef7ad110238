using System.Collections.Immutable;
using Chat.Messages;
using V1 = Chat.Grpc.V1;

namespace Chat.Gateway.Grpc;

/// <summary>Replies, reactions and the change feed on the wire; no logic beyond shape.</summary>
internal static class GrpcMessageChangeMapping
{
    public static V1.ReplyTo ToGrpc(this ReplyTo reply) =>
        new() { Seq = reply.Seq, UserId = reply.UserId, Username = reply.Username, Excerpt = reply.Excerpt };

    public static V1.ChatMessage WithReactions(this V1.ChatMessage message, ImmutableArray<MessageReaction> reactions)
    {
        foreach (var reaction in reactions)
        {
            var wire = new V1.Reaction { Emoji = reaction.Emoji, Count = reaction.Count };
            wire.UserIds.AddRange(reaction.UserIds);
            message.Reactions.Add(wire);
        }
        return message;
    }

    public static V1.GetChangesResponse ToGrpc(this ChangePage page)
    {
        var response = new V1.GetChangesResponse { LastChangeSeq = page.LastChangeSeq };
        response.Changes.AddRange(page.Changes.Select(c => new V1.MessageChange { ChangeSeq = c.ChangeSeq, Message = c.Message.ToGrpc() }));
        return response;
    }
}
