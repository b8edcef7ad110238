using Chat.Grpc.V1;
using Grpc.Core;

namespace Chat.Gateway.Grpc;

// Editing, deleting, reacting and the change feed (appended rpcs of chat.v1.ChatService).
internal sealed partial class ChatGrpcService
{
    public override async Task<EditMessageResponse> EditMessage(EditMessageRequest request, ServerCallContext context)
    {
        var message = await chat.EditMessageAsync(context.GetCaller(), request.RoomId, request.Seq, request.Content, context.CancellationToken);
        return new EditMessageResponse { Message = message.ToGrpc() };
    }

    public override async Task<DeleteMessageResponse> DeleteMessage(DeleteMessageRequest request, ServerCallContext context)
    {
        await chat.DeleteMessageAsync(context.GetCaller(), request.RoomId, request.Seq, context.CancellationToken);
        return new DeleteMessageResponse();
    }

    public override async Task<ReactionResponse> AddReaction(ReactionRequest request, ServerCallContext context)
    {
        await chat.SetReactionAsync(context.GetCaller(), request.RoomId, request.Seq, request.Emoji, on: true, context.CancellationToken);
        return new ReactionResponse();
    }

    public override async Task<ReactionResponse> RemoveReaction(ReactionRequest request, ServerCallContext context)
    {
        await chat.SetReactionAsync(context.GetCaller(), request.RoomId, request.Seq, request.Emoji, on: false, context.CancellationToken);
        return new ReactionResponse();
    }

    public override async Task<GetChangesResponse> GetChanges(GetChangesRequest request, ServerCallContext context)
    {
        var page = await chat.GetChangesAsync(
            context.GetCaller(), request.RoomId, request.AfterChange, GrpcMapping.NoneIfZero(request.Limit), context.CancellationToken);
        return page.ToGrpc();
    }
}
