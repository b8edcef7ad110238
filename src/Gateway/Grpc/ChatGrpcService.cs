using Chat.Gateway.Application;
using Chat.Grpc.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;

namespace Chat.Gateway.Grpc;

/// <summary><c>chat.v1.ChatService</c>: messages and the Subscribe feed, adapted onto <see cref="IChatApplication"/>.</summary>
[Authorize]
internal sealed partial class ChatGrpcService(IChatApplication chat, SubscribeHandler subscribe) : ChatService.ChatServiceBase
{
    public override async Task<SendMessageResponse> SendMessage(SendMessageRequest request, ServerCallContext context)
    {
        var result = await chat.SendMessageAsync(
            context.GetCaller(), request.RoomId, request.Content, request.ClientMessageId, GrpcMapping.NoneIfZero(request.ReplyToSeq), context.CancellationToken);
        return new SendMessageResponse { Message = result.Message.ToGrpc() };
    }

    public override async Task<GetMessagesResponse> GetMessages(GetMessagesRequest request, ServerCallContext context)
    {
        var messages = await chat.GetMessagesAsync(
            context.GetCaller(),
            request.RoomId,
            beforeSeq: GrpcMapping.NoneIfZero(request.BeforeSeq),
            afterSeq: GrpcMapping.NoneIfZero(request.AfterSeq),
            limit: GrpcMapping.NoneIfZero(request.Limit),
            context.CancellationToken);
        var response = new GetMessagesResponse();
        response.Messages.AddRange(messages.Select(GrpcMapping.ToGrpc));
        return response;
    }

    public override async Task<GetOnlineUsersResponse> GetOnlineUsers(GetOnlineUsersRequest request, ServerCallContext context)
    {
        var users = await chat.GetOnlineUsersAsync(context.GetCaller(), request.RoomId, context.CancellationToken);
        var response = new GetOnlineUsersResponse();
        response.Users.AddRange(users.Select(GrpcMapping.ToGrpc));
        return response;
    }

    public override async Task Subscribe(SubscribeRequest request, IServerStreamWriter<ChatEvent> responseStream, ServerCallContext context)
    {
        await subscribe.RunAsync(request, responseStream, context);
    }
}
