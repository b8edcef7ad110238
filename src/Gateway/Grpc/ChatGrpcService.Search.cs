using Chat.Grpc.V1;
using Grpc.Core;

namespace Chat.Gateway.Grpc;

internal sealed partial class ChatGrpcService
{
    public override async Task<SearchMessagesResponse> SearchMessages(SearchMessagesRequest request, ServerCallContext context)
    {
        var page = await chat.SearchMessagesAsync(
            context.GetCaller(),
            request.Q,
            roomId: request.RoomId is { Length: > 0 } room ? room : null,
            limit: GrpcMapping.NoneIfZero(request.Limit),
            beforeSeq: GrpcMapping.NoneIfZero(request.BeforeSeq),
            cursor: request.Cursor is { Length: > 0 } cursor ? cursor : null,
            context.CancellationToken);
        var response = new SearchMessagesResponse { NextCursor = page.Next?.ToCursor() ?? "" };
        response.Results.AddRange(page.Results.Select(GrpcMapping.ToGrpc));
        return response;
    }
}
