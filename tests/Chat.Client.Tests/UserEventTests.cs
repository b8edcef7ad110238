using Chat.Client.Rest;
using Chat.Client.Tests.Fakes;
using Chat.Contracts;

namespace Chat.Client.Tests;

/// <summary>The user's events as a <see cref="ChatClient"/> raises them: list changes, and a lost room stops being joined.</summary>
public sealed class UserEventTests
{
    private const string RoomId = "book-club";
    private static readonly Uri Gateway = new("http://gateway-a/");

    [Fact]
    public async Task RoomRemovedIsRaisedAndTheJoinedRoomIsForgotten()
    {
        var server = new FakeChatServer(RoomId);
        await using var client = await ConnectAsync(server, "alice");
        await client.JoinRoomAsync(RoomId);
        var removed = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.RoomRemoved += roomId => removed.TrySetResult(roomId);
        Assert.NotEmpty(client.KnownOnlineUsers(RoomId)); // joined: the join's list of who is online

        server.PushUserEvent("alice", "RoomRemoved", new RoomRemovedDto(RoomId));

        Assert.Equal(RoomId, await removed.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Empty(client.KnownOnlineUsers(RoomId));
    }

    [Fact]
    public async Task RoomAddedAndReadUpdatedCarryTheirPayloads()
    {
        var server = new FakeChatServer(RoomId);
        await using var client = await ConnectAsync(server, "alice");
        var added = new TaskCompletionSource<MyRoomDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        var read = new TaskCompletionSource<ReadUpdatedDto>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.RoomAdded += room => added.TrySetResult(room);
        client.ReadUpdated += change => read.TrySetResult(change);
        var room = new MyRoomDto(RoomId, "Book club", "", false, "bob", 1, RoomKinds.Private, "bob", 2, null, 7, 3, 4, 1, 0, 5);

        server.PushUserEvent("alice", "RoomAdded", new RoomChangedDto(room));
        server.PushUserEvent("alice", "ReadUpdated", new ReadUpdatedDto(RoomId, 7, 0));

        Assert.Equal(room, await added.Task.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(new ReadUpdatedDto(RoomId, 7, 0), await read.Task.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static async Task<ChatClient> ConnectAsync(FakeChatServer server, string userId)
    {
        var options = new ChatClientOptions { Endpoints = [Gateway] };
        var client = new ChatClient(options, server, new ChatRestClient(new HttpClient(), options.Endpoints));
        client.UseToken(userId);
        await client.ConnectAsync();
        return client;
    }
}
