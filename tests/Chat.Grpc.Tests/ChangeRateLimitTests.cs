using Chat.Gateway.Grpc;
using Chat.Grpc.Tests.Support;
using Chat.Grpc.V1;
using Grpc.Core;

namespace Chat.Grpc.Tests;

/// <summary>Reactions spend the sender's per-user budget on gRPC too: a flood is RESOURCE_EXHAUSTED with a retry hint.</summary>
[Collection(GrpcClusterCollection.Name)]
public sealed class ChangeRateLimitTests(GrpcCluster grpc)
{
    [Fact]
    public async Task AFloodOfReactionsIsResourceExhaustedWithARetryHint()
    {
        var user = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(user);
        var message = await grpc.SendAsync(user, roomId, "react to me");

        RpcException? limited = null;
        for (var i = 0; i < 200 && limited is null; i++)
        {
            var request = new ReactionRequest { RoomId = roomId, Seq = message.Seq, Emoji = "👍" };
            try
            {
                await (i % 2 == 0
                    ? grpc.Chat.AddReactionAsync(request, GrpcCluster.Auth(user)).ResponseAsync
                    : grpc.Chat.RemoveReactionAsync(request, GrpcCluster.Auth(user)).ResponseAsync);
            }
            catch (RpcException exception)
            {
                limited = exception;
            }
        }

        Assert.NotNull(limited);
        Assert.Equal(StatusCode.ResourceExhausted, limited.StatusCode);
        Assert.True(long.Parse(limited.Trailers.GetValue(ChatStatusCodes.RetryPushbackTrailer)!) > 0);
    }
}
