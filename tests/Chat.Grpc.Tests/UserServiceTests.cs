using Chat.Grpc.Tests.Support;
using Chat.Grpc.V1;
using Chat.Testing;
using Grpc.Core;

namespace Chat.Grpc.Tests;

/// <summary><c>chat.v1.UserService</c>: accounts and profiles over gRPC.</summary>
[Collection(GrpcClusterCollection.Name)]
public sealed class UserServiceTests(GrpcCluster grpc)
{
    [Fact]
    public async Task CreateUserSignsTheNewUserIn()
    {
        var username = UniqueName("created");

        var created = await grpc.Users.CreateUserAsync(new CreateUserRequest { Username = username, Email = $"{username}@example.test", Password = ChatCluster.Password });

        Assert.Equal(username, created.User.Username);
        Assert.Equal($"{username}@example.test", created.User.Email);
        Assert.NotEmpty(created.User.Id);
        Assert.True(created.User.CreatedAt > 0);
        var me = await grpc.Users.GetUserAsync(new GetUserRequest(), Bearer(created.Token));
        Assert.Equal(created.User, me.User);
    }

    [Fact]
    public async Task ATakenUsernameIsAlreadyExistsWhateverItsCase()
    {
        var user = await grpc.NewUserAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => grpc.Users.CreateUserAsync(new CreateUserRequest
        {
            Username = user.Username.ToUpperInvariant(),
            Email = $"other_{Guid.NewGuid():N}@example.test",
            Password = ChatCluster.Password,
        }).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, error.StatusCode);
    }

    [Theory]
    [InlineData("ab", "ok@example.test", ChatCluster.Password)]
    [InlineData("has space", "ok@example.test", ChatCluster.Password)]
    [InlineData("valid_name", "not-an-address", ChatCluster.Password)]
    [InlineData("valid_name", "ok@example.test", "short")]
    public async Task InvalidRegistrationsAreInvalidArgumentWithTheReason(string username, string email, string password)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => grpc.Users.CreateUserAsync(
            new CreateUserRequest { Username = username, Email = email, Password = password }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.NotEmpty(error.Status.Detail);
    }

    [Fact]
    public async Task LoginMatchesTheUsernameCaseInsensitively()
    {
        var user = await grpc.NewUserAsync();

        var login = await grpc.Users.LoginAsync(new LoginRequest { Username = user.Username.ToUpperInvariant(), Password = ChatCluster.Password });

        Assert.Equal(user.Id, login.User.Id);
        var me = await grpc.Users.GetUserAsync(new GetUserRequest(), Bearer(login.Token));
        Assert.Equal(user.Id, me.User.Id);
    }

    [Fact]
    public async Task BadCredentialsAreUnauthenticated()
    {
        var user = await grpc.NewUserAsync();

        var wrongPassword = await Assert.ThrowsAsync<RpcException>(() => grpc.Users.LoginAsync(
            new LoginRequest { Username = user.Username, Password = "not the password" }).ResponseAsync);
        var unknownUser = await Assert.ThrowsAsync<RpcException>(() => grpc.Users.LoginAsync(
            new LoginRequest { Username = UniqueName("nobody"), Password = ChatCluster.Password }).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, wrongPassword.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, unknownUser.StatusCode);
    }

    [Fact]
    public async Task GetUserShowsAnotherUserWithoutTheirAddress()
    {
        var alice = await grpc.NewUserAsync();
        var bob = await grpc.NewUserAsync();

        var seen = (await grpc.Users.GetUserAsync(new GetUserRequest { UserId = bob.Id }, GrpcCluster.Auth(alice))).User;

        Assert.Equal((bob.Id, bob.Username, ""), (seen.Id, seen.Username, seen.Email));
    }

    [Fact]
    public async Task AnUnknownUserIsNotFound()
    {
        var alice = await grpc.NewUserAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => grpc.Users.GetUserAsync(
            new GetUserRequest { UserId = Guid.NewGuid().ToString("N") }, GrpcCluster.Auth(alice)).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task UpdateUserChangesOnlyTheFieldsThatAreSet()
    {
        var user = await grpc.NewUserAsync();
        var auth = GrpcCluster.Auth(user);
        await grpc.Users.UpdateUserAsync(new UpdateUserRequest { DisplayName = "Alice", Avatar = "https://example.test/a.png" }, auth);

        var renamed = (await grpc.Users.UpdateUserAsync(new UpdateUserRequest { DisplayName = "Alice Liddell" }, auth)).User;
        var cleared = (await grpc.Users.UpdateUserAsync(new UpdateUserRequest { Avatar = "" }, auth)).User;

        Assert.Equal(("Alice Liddell", "https://example.test/a.png"), (renamed.DisplayName, renamed.Avatar));
        Assert.Equal(("Alice Liddell", ""), (cleared.DisplayName, cleared.Avatar));
        Assert.Equal($"{user.Username}@example.test", cleared.Email);
    }

    [Fact]
    public async Task AnInvalidProfileChangeIsInvalidArgumentAndChangesNothing()
    {
        var user = await grpc.NewUserAsync();
        var auth = GrpcCluster.Auth(user);

        var error = await Assert.ThrowsAsync<RpcException>(() => grpc.Users.UpdateUserAsync(
            new UpdateUserRequest { DisplayName = "New name", Avatar = "javascript:alert(1)" }, auth).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var unchanged = (await grpc.Users.GetUserAsync(new GetUserRequest(), auth)).User;
        Assert.Equal((user.Username, ""), (unchanged.DisplayName, unchanged.Avatar));
    }

    private static Metadata Bearer(string token) => new() { { "authorization", $"Bearer {token}" } };

    private static string UniqueName(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..24];
}
