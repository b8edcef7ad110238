using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Chat.Grpc.Tests.Support;
using Chat.Grpc.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chat.Grpc.Tests.Sessions;

/// <summary>
/// A live connection never outlives its session: logout closes the session's hub connection, raw WebSocket and
/// Subscribe stream on every gateway (and nothing of the user's other sessions); a Subscribe also ends with
/// UNAUTHENTICATED when its access token expires. Refresh tokens rotate over gRPC as over REST.
/// </summary>
[Collection(GrpcClusterCollection.Name)]
public sealed class SessionEndClosesLiveConnectionsTests(GrpcCluster grpc)
{
    [Fact]
    public async Task LogoutClosesTheSessionsHubWebSocketAndSubscribeOnEveryGatewayAndNothingElse()
    {
        var user = await grpc.NewUserAsync();
        var leaving = await grpc.Users.LoginAsync(new LoginRequest { Username = user.Username, Password = ChatCluster.Password });
        var staying = await grpc.Users.LoginAsync(new LoginRequest { Username = user.Username, Password = ChatCluster.Password });
        await using var second = await grpc.Cluster.StartGatewayAsync();
        using var secondChannel = GrpcChannel.ForAddress(second.GrpcAddress);

        await using var hub = HubClient.Build(grpc.Cluster.HttpBaseAddress, leaving.Token);
        var hubClosed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Closed += error => { hubClosed.TrySetResult(error); return Task.CompletedTask; };
        await hub.StartAsync();
        await using var otherSessionHub = HubClient.Build(second.HttpBaseAddress, staying.Token);
        await otherSessionHub.StartAsync();
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(WebSocketAddress(second.HttpBaseAddress, leaving.Token), CancellationToken.None);
        var socketEnded = ReadUntilClosedAsync(socket);
        using var stream = new EventStream(new ChatService.ChatServiceClient(secondChannel)
            .Subscribe(new SubscribeRequest { RoomIds = { "general" } }, Bearer(leaving.Token)));
        await stream.ReadyAsync();

        await grpc.Users.LogoutAsync(new LogoutRequest(), Bearer(leaving.Token));

        var hubError = await hubClosed.Task.WaitAsync(Wait.Timeout);
        Assert.Contains("session ended", hubError?.Message, StringComparison.OrdinalIgnoreCase);
        var (frames, closeStatus) = await socketEnded.WaitAsync(Wait.Timeout);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, closeStatus);
        Assert.Contains(frames, frame => frame.GetProperty("type").GetString() == "error" && frame.GetProperty("code").GetString() == "unauthorized");
        var streamError = await Assert.ThrowsAsync<RpcException>(() => stream.Call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(Wait.Timeout));
        Assert.Equal(StatusCode.Unauthenticated, streamError.StatusCode);
        // The user's other session is untouched.
        Assert.Equal(HubConnectionState.Connected, otherSessionHub.State);
        await otherSessionHub.InvokeAsync<JsonElement>("JoinRoom", "general");
    }

    [Fact]
    public async Task ASubscribeEndsUnauthenticatedWhenItsAccessTokenExpires()
    {
        var user = await grpc.NewUserAsync();
        var sessionId = new JsonWebToken(user.Token).GetClaim("sid").Value;
        var shortLived = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "chat-orleans",
            Audience = "chat-orleans",
            Expires = DateTime.UtcNow.AddSeconds(2),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(ChatCluster.SigningKey)), SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object> { ["sub"] = user.Id, ["name"] = user.Username, ["sid"] = sessionId },
        });
        using var stream = new EventStream(grpc.Chat.Subscribe(new SubscribeRequest { RoomIds = { "general" } }, Bearer(shortLived)));
        await stream.ReadyAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => stream.Call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(Wait.Timeout));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("expired", error.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task RefreshRotatesOverGrpcAndASpentTokenEndsTheSession()
    {
        var user = await grpc.NewUserAsync();
        var login = await grpc.Users.LoginAsync(new LoginRequest { Username = user.Username, Password = ChatCluster.Password });

        var renewed = await grpc.Users.RefreshAsync(new RefreshRequest { RefreshToken = login.RefreshToken });
        var replay = await Assert.ThrowsAsync<RpcException>(async () => await grpc.Users.RefreshAsync(new RefreshRequest { RefreshToken = login.RefreshToken }));

        Assert.Equal(user.Id, renewed.User.Id);
        Assert.Equal(StatusCode.Unauthenticated, replay.StatusCode);
        var afterReplay = await Assert.ThrowsAsync<RpcException>(async () => await grpc.Users.GetUserAsync(new GetUserRequest(), Bearer(renewed.Token)));
        Assert.Equal(StatusCode.Unauthenticated, afterReplay.StatusCode);
    }

    private static Metadata Bearer(string token) => new() { { "authorization", $"Bearer {token}" } };

    private static Uri WebSocketAddress(Uri gateway, string token) =>
        new UriBuilder(gateway) { Scheme = "ws", Path = "/ws", Query = $"access_token={Uri.EscapeDataString(token)}" }.Uri;

    /// <summary>Every frame the server sends until it closes, and the close status it closed with.</summary>
    private static async Task<(List<JsonElement> Frames, WebSocketCloseStatus? Status)> ReadUntilClosedAsync(ClientWebSocket socket)
    {
        var frames = new List<JsonElement>();
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var result = await socket.ReceiveAsync(buffer, CancellationToken.None);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                return (frames, socket.CloseStatus);
            }
            frames.Add(JsonDocument.Parse(buffer.AsMemory(0, result.Count)).RootElement.Clone());
        }
    }
}
