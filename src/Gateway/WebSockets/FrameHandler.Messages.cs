using System.Text.Json;
using Chat.Errors;
using Chat.Gateway.Application;
using Chat.Gateway.Mapping;
using static Chat.Gateway.WebSockets.MessageChangeFrameTypes;

namespace Chat.Gateway.WebSockets;

// The /ws frames that change stored messages or read the change feed.
public sealed partial class FrameHandler
{
    /// <summary>The reply to a message-change frame, or null when <paramref name="type"/> is none of them.</summary>
    private async Task<byte[]?> DispatchMessageChangeAsync(Caller caller, ClientFrame frame, string type, CancellationToken cancellationToken)
    {
        var requestId = frame.RequestId;
        switch (type)
        {
            case EditMessage:
            {
                var message = await chat.EditMessageAsync(caller, frame.RoomId, RequireSeq(frame), frame.Content, cancellationToken);
                return JsonSerializer.SerializeToUtf8Bytes(new MessageEditedFrame(requestId, message.ToDto()), FrameJsonContext.Default.MessageEditedFrame);
            }
            case DeleteMessage:
            {
                var seq = RequireSeq(frame);
                await chat.DeleteMessageAsync(caller, frame.RoomId, seq, cancellationToken);
                return JsonSerializer.SerializeToUtf8Bytes(new MessageDeletedFrame(requestId, frame.RoomId!, seq), FrameJsonContext.Default.MessageDeletedFrame);
            }
            case AddReaction or RemoveReaction:
            {
                var seq = RequireSeq(frame);
                var on = type == AddReaction;
                await chat.SetReactionAsync(caller, frame.RoomId, seq, frame.Emoji, on, cancellationToken);
                return JsonSerializer.SerializeToUtf8Bytes(
                    new ReactionFrame(on ? ReactionAdded : ReactionRemoved, requestId, frame.RoomId!, seq, frame.Emoji!), FrameJsonContext.Default.ReactionFrame);
            }
            case GetChanges:
            {
                var page = await chat.GetChangesAsync(caller, frame.RoomId, frame.AfterChange, frame.Limit, cancellationToken);
                var dto = page.ToDto();
                return JsonSerializer.SerializeToUtf8Bytes(new ChangesFrame(requestId, frame.RoomId!, dto.Changes, dto.LastChangeSeq), FrameJsonContext.Default.ChangesFrame);
            }
            default:
                return null;
        }
    }

    private static long RequireSeq(ClientFrame frame)
    {
        ChatRules.ValidateSeq(frame.Seq);
        return frame.Seq!.Value;
    }
}
