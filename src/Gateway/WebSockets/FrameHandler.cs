using System.Text.Json;
using Chat.Errors;
using Chat.Gateway.Application;
using Chat.Gateway.Errors;
using Chat.Gateway.Mapping;
using Chat.Gateway.Observability;
using Chat.Gateway.Quotas;

namespace Chat.Gateway.WebSockets;

/// <summary>
/// The raw WebSocket's adapter over <see cref="IChatApplication"/>: one client frame in, one reply frame out
/// (its <c>requestId</c> copied). Every refusal, a malformed or unknown frame included, is an <c>error</c> frame:
/// the connection stays open.
/// </summary>
public sealed partial class FrameHandler(
    IChatApplication chat, ConversationFrames conversations, UserRateQuotas quotas, GatewayMetrics metrics, ILogger<FrameHandler> logger)
{
    public const int RequestIdMaxLength = 64;

    public async Task<byte[]> HandleAsync(Caller caller, ReadOnlyMemory<byte> utf8Json, CancellationToken cancellationToken)
    {
        ClientFrame? frame;
        try
        {
            frame = JsonSerializer.Deserialize(utf8Json.Span, FrameJsonContext.Default.ClientFrame);
        }
        catch (JsonException)
        {
            return Error(null, null, ChatErrorCode.BadRequest, "The frame is not a valid JSON object of this protocol.");
        }

        if (frame?.Type is not { Length: > 0 } type)
        {
            return Error(null, null, ChatErrorCode.BadRequest, "A frame must be a JSON object with a \"type\".");
        }
        if (frame.RequestId is { Length: > RequestIdMaxLength })
        {
            return Error(null, type, ChatErrorCode.BadRequest, $"requestId must be at most {RequestIdMaxLength} characters.");
        }

        try
        {
            if (MeteredOperations.WebSocketFrames.TryGetValue(type, out var quota))
            {
                quotas.Spend(caller.UserId, quota);
            }
            return await DispatchAsync(caller, frame, type, cancellationToken)
                ?? await conversations.TryHandleAsync(caller, type, utf8Json, cancellationToken)
                ?? Error(frame.RequestId, type, ChatErrorCode.BadRequest, $"Unknown frame type '{Truncate(type)}'.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var error = ChatFaults.Classify(exception, logger);
            metrics.RequestFailed(ChatTransport.WebSocket, error.Code.Describe().WireCode);
            return Error(frame.RequestId, type, error.Code, error.Message);
        }
    }

    public static byte[] Error(string? requestId, string? requestType, ChatErrorCode code, string message) =>
        JsonSerializer.SerializeToUtf8Bytes(new ErrorFrame(requestId, code.Describe().WireCode, message, requestType), FrameJsonContext.Default.ErrorFrame);

    /// <summary>The reply to a frame of the core protocol, or null for a type it does not know.</summary>
    private async Task<byte[]?> DispatchAsync(Caller caller, ClientFrame frame, string type, CancellationToken cancellationToken)
    {
        var requestId = frame.RequestId;
        switch (type)
        {
            case FrameTypes.JoinRoom:
            {
                var joined = await chat.JoinRoomAsync(caller, frame.RoomId, cancellationToken);
                return Serialize(new JoinedFrame(requestId, joined.Room.Id, joined.Room.ToDto(), joined.OnlineUsers.ToDtos(), joined.LastSeq, joined.LastChangeSeq),
                    FrameJsonContext.Default.JoinedFrame);
            }
            case FrameTypes.LeaveRoom:
                await chat.LeaveRoomAsync(caller, frame.RoomId, cancellationToken);
                return Serialize(new LeftFrame(requestId, frame.RoomId!), FrameJsonContext.Default.LeftFrame);
            case FrameTypes.SendMessage:
            {
                var sent = await chat.SendMessageAsync(caller, frame.RoomId, frame.Content, frame.ClientMessageId, frame.ReplyToSeq, frame.AttachmentIds, cancellationToken);
                return Serialize(new MessageSentFrame(requestId, sent.Message.ToDto()), FrameJsonContext.Default.MessageSentFrame);
            }
            case FrameTypes.GetMessages:
            {
                var messages = await chat.GetMessagesAsync(caller, frame.RoomId, frame.BeforeSeq, frame.AfterSeq, frame.Limit, cancellationToken);
                return Serialize(new MessagesFrame(requestId, frame.RoomId!, messages.ToDtos()), FrameJsonContext.Default.MessagesFrame);
            }
            case FrameTypes.GetOnlineUsers:
            {
                var users = await chat.GetOnlineUsersAsync(caller, frame.RoomId, cancellationToken);
                return Serialize(new OnlineUsersFrame(requestId, frame.RoomId!, users.ToDtos()), FrameJsonContext.Default.OnlineUsersFrame);
            }
            case FrameTypes.Typing:
                await chat.TypingAsync(caller, frame.RoomId, cancellationToken);
                return Serialize(new TypingSentFrame(requestId, frame.RoomId!), FrameJsonContext.Default.TypingSentFrame);
            case FrameTypes.SearchMessages:
            {
                var page = await chat.SearchMessagesAsync(caller, frame.Q, frame.RoomId, frame.Limit, frame.BeforeSeq, frame.Cursor, cancellationToken);
                return Serialize(new SearchResultsFrame(requestId, page.Results.ToDtos(), page.Next?.ToCursor()), FrameJsonContext.Default.SearchResultsFrame);
            }
            case FrameTypes.Ping:
                return Serialize(new PongFrame(requestId), FrameJsonContext.Default.PongFrame);
            default:
                return await DispatchMessageChangeAsync(caller, frame, type, cancellationToken);
        }
    }

    private static byte[] Serialize<T>(T frame, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo) =>
        JsonSerializer.SerializeToUtf8Bytes(frame, typeInfo);

    private static string Truncate(string value) => value.Length <= 32 ? value : value[..32] + "…";
}
