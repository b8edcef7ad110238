using Chat.Grpc.Tests.Support;
using Chat.Grpc.V1;
using Chat.Testing;
using Grpc.Core;

namespace Chat.Grpc.Tests.Search;

/// <summary><c>ChatService.SearchMessages</c>: hits newest first, paging by cursor, private rooms hidden, bad queries refused.</summary>
[Collection(GrpcClusterCollection.Name)]
public sealed class SearchMessagesTests(GrpcCluster grpc)
{
    [Fact]
    public async Task FindsWordsAndChineseTextNewestFirstAndPagesByCursor()
    {
        var user = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(user);
        var word = $"grpcword{Guid.NewGuid():N}"[..20];
        var first = await grpc.SendAsync(user, roomId, $"{word} 你好世界");
        var second = await grpc.SendAsync(user, roomId, $"{word} 世界和平");

        var both = await SearchAsync(user, new SearchMessagesRequest { Q = $"{word} 世界", RoomId = roomId });
        var page1 = await SearchAsync(user, new SearchMessagesRequest { Q = word, Limit = 1 });
        var page2 = await SearchAsync(user, new SearchMessagesRequest { Q = word, Limit = 1, Cursor = page1.NextCursor });
        var peace = await SearchAsync(user, new SearchMessagesRequest { Q = $"{word} 和平" });

        Assert.Equal([second, first], both.Results);
        Assert.Equal("", both.NextCursor);
        Assert.Equal([second], page1.Results);
        Assert.Equal([first], page2.Results);
        Assert.Equal([second], peace.Results);
    }

    [Fact]
    public async Task APrivateRoomIsNotFoundAndItsMessagesAreNeverResultsForOutsiders()
    {
        var owner = await grpc.NewUserAsync();
        var outsider = await grpc.NewUserAsync();
        var roomId = await grpc.CreateRoomAsync(owner, isPublic: false);
        var word = $"secret{Guid.NewGuid():N}"[..20];
        var message = await grpc.SendAsync(owner, roomId, $"{word} only for me");

        var error = await Assert.ThrowsAsync<RpcException>(() => SearchAsync(outsider, new SearchMessagesRequest { Q = word, RoomId = roomId }));
        var everywhere = await SearchAsync(outsider, new SearchMessagesRequest { Q = word });

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Empty(everywhere.Results);
        Assert.Equal([message], (await SearchAsync(owner, new SearchMessagesRequest { Q = word })).Results);
    }

    [Theory]
    [InlineData("")]
    [InlineData("...")]
    public async Task AnEmptyQueryIsInvalidArgument(string q)
    {
        var user = await grpc.NewUserAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => SearchAsync(user, new SearchMessagesRequest { Q = q }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task AQueryOfTenThousandCharactersIsInvalidArgument()
    {
        var user = await grpc.NewUserAsync();

        var error = await Assert.ThrowsAsync<RpcException>(() => SearchAsync(user, new SearchMessagesRequest { Q = new string('a', 10_000) }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("at most 256 characters", error.Status.Detail);
    }

    private async Task<SearchMessagesResponse> SearchAsync(TestUser user, SearchMessagesRequest request) =>
        await grpc.Chat.SearchMessagesAsync(request, GrpcCluster.Auth(user));
}
