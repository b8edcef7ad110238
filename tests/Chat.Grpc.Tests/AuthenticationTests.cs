using System.Text;
using Chat.Grpc.Tests.Support;
using Chat.Grpc.V1;
using Chat.Testing;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Chat.Grpc.Tests;

/// <summary>
/// Metadata <c>authorization: Bearer &lt;token&gt;</c>: every method but CreateUser and Login needs a valid token, and
/// anything else is UNAUTHENTICATED with a readable reason, never partial access.
/// </summary>
[Collection(GrpcClusterCollection.Name)]
public sealed class AuthenticationTests(GrpcCluster grpc)
{
    public static TheoryData<string> ProtectedUnaryMethods => ["GetUser", "UpdateUser", "SendMessage", "GetMessages", "GetOnlineUsers"];

    [Theory]
    [MemberData(nameof(ProtectedUnaryMethods))]
    public async Task EveryProtectedMethodIsUnauthenticatedWithoutAToken(string method)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync(method, new Metadata()));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("bearer token", error.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(ProtectedUnaryMethods))]
    public async Task EveryProtectedMethodAcceptsAValidToken(string method)
    {
        var user = await grpc.NewUserAsync();

        await CallAsync(method, GrpcCluster.Auth(user));
    }

    [Fact]
    public async Task SubscribeIsUnauthenticatedWithoutAToken()
    {
        using var call = grpc.Chat.Subscribe(new SubscribeRequest { RoomIds = { "general" } });

        var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext().WaitAsync(Wait.Timeout));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains("bearer token", error.Status.Detail, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MalformedTamperedAndExpiredTokensAreUnauthenticated()
    {
        var user = await grpc.NewUserAsync();
        var tampered = user.Token[..^2] + (user.Token[^2] == 'A' ? "BB" : "AA");
        string[] refused =
        [
            "not-a-token",
            tampered,
            Forge(user, expires: DateTime.UtcNow.AddMinutes(-5)),
            Forge(user, expires: DateTime.UtcNow.AddHours(1), signingKey: "some-other-signing-key-0123456789abcdefghij"),
        ];

        foreach (var token in refused)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync("SendMessage", Bearer(token)));
            Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        }
    }

    [Fact]
    public async Task ATokenRevokedByLogoutIsUnauthenticated()
    {
        var user = await grpc.NewUserAsync();
        using var http = grpc.Cluster.CreateClient(user);
        (await http.PostAsync("/users/logout", content: null)).EnsureSuccessStatusCode();

        var error = await Assert.ThrowsAsync<RpcException>(() => CallAsync("GetUser", GrpcCluster.Auth(user)));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task ATokenFromAnotherTransportWorksHere()
    {
        var user = await grpc.NewUserAsync();

        var me = await grpc.Users.GetUserAsync(new GetUserRequest(), GrpcCluster.Auth(user));

        Assert.Equal(user.Id, me.User.Id);
    }

    private async Task CallAsync(string method, Metadata headers)
    {
        switch (method)
        {
            case "GetUser":
                await grpc.Users.GetUserAsync(new GetUserRequest(), headers);
                break;
            case "UpdateUser":
                await grpc.Users.UpdateUserAsync(new UpdateUserRequest { DisplayName = "Someone" }, headers);
                break;
            case "SendMessage":
                await grpc.Chat.SendMessageAsync(new SendMessageRequest { RoomId = "general", Content = "hello" }, headers);
                break;
            case "GetMessages":
                await grpc.Chat.GetMessagesAsync(new GetMessagesRequest { RoomId = "general" }, headers);
                break;
            case "GetOnlineUsers":
                await grpc.Chat.GetOnlineUsersAsync(new GetOnlineUsersRequest { RoomId = "general" }, headers);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, null);
        }
    }

    private static Metadata Bearer(string token) => new() { { "authorization", $"Bearer {token}" } };

    private static string Forge(TestUser user, DateTime expires, string? signingKey = null) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "chat-orleans",
            Audience = "chat-orleans",
            IssuedAt = expires.AddHours(-1),
            NotBefore = expires.AddHours(-1),
            Expires = expires,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(signingKey ?? ChatCluster.SigningKey)), SecurityAlgorithms.HmacSha256),
            Claims = new Dictionary<string, object> { ["sub"] = user.Id, ["name"] = user.Username, ["sv"] = 1 },
        });
}
