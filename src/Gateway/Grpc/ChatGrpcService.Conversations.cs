using Chat.Gateway.Application.Conversations;
using Chat.Grpc.V1;
using Grpc.Core;

namespace Chat.Gateway.Grpc;

// Membership, read state, DMs and room administration: the same commands as REST, adapted onto IConversations.
internal sealed partial class ChatGrpcService
{
    public override async Task<ListMyRoomsResponse> ListMyRooms(ListMyRoomsRequest request, ServerCallContext context)
    {
        var rooms = await Conversations(context).ListMyRoomsAsync(context.GetCaller(), context.CancellationToken);
        var response = new ListMyRoomsResponse();
        response.Rooms.AddRange(rooms.Select(ConversationGrpcMapping.ToGrpc));
        return response;
    }

    public override async Task<RoomResponse> JoinRoom(RoomIdRequest request, ServerCallContext context) =>
        new() { Room = (await Conversations(context).JoinAsync(context.GetCaller(), request.RoomId, context.CancellationToken)).ToGrpc() };

    public override async Task<ConversationAck> LeaveRoom(RoomIdRequest request, ServerCallContext context)
    {
        await Conversations(context).LeaveAsync(context.GetCaller(), request.RoomId, context.CancellationToken);
        return new ConversationAck();
    }

    public override async Task<MarkReadResponse> MarkRead(MarkReadRequest request, ServerCallContext context) =>
        new() { Read = (await Conversations(context).MarkReadAsync(context.GetCaller(), request.RoomId, request.Seq, context.CancellationToken)).ToGrpc() };

    public override async Task<RoomResponse> OpenDm(OpenDmRequest request, ServerCallContext context) =>
        new() { Room = (await Conversations(context).OpenDirectAsync(context.GetCaller(), request.Username, context.CancellationToken)).ToGrpc() };

    public override async Task<RoomResponse> UpdateRoom(UpdateRoomRequest request, ServerCallContext context)
    {
        var room = await Conversations(context).UpdateRoomAsync(context.GetCaller(), request.RoomId,
            request.HasName ? request.Name : null, request.HasDescription ? request.Description : null, context.CancellationToken);
        return new RoomResponse { Room = room.ToGrpc() };
    }

    public override async Task<ConversationAck> RemoveMember(RemoveMemberRequest request, ServerCallContext context)
    {
        await Conversations(context).RemoveMemberAsync(context.GetCaller(), request.RoomId, request.UserId, context.CancellationToken);
        return new ConversationAck();
    }

    public override async Task<ConversationAck> DeleteRoom(RoomIdRequest request, ServerCallContext context)
    {
        await Conversations(context).DeleteRoomAsync(context.GetCaller(), request.RoomId, context.CancellationToken);
        return new ConversationAck();
    }

    public override Task SubscribeUserEvents(SubscribeUserEventsRequest request, IServerStreamWriter<ChatEvent> responseStream, ServerCallContext context) =>
        context.GetHttpContext().RequestServices.GetRequiredService<UserEventsHandler>().RunAsync(responseStream, context);

    /// <summary>Resolved per call: the service's constructor belongs to the core commands.</summary>
    private static IConversations Conversations(ServerCallContext context) =>
        context.GetHttpContext().RequestServices.GetRequiredService<IConversations>();
}
