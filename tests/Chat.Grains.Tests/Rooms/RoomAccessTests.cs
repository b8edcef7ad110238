using Chat.Errors;
using Chat.Messages;
using Chat.Rooms;
using Chat.Users;

namespace Chat.Grains.Tests.Rooms;

[Collection(GrainClusterCollection.Name)]
public sealed class RoomAccessTests(GrainClusterFixture fixture)
{
    private IGrainFactory Grains => fixture.Client;

    [Fact]
    public async Task APrivateRoomLooksMissingToOutsiders()
    {
        var owner = await TestData.RegisterAsync(Grains);
        var outsider = await TestData.RegisterAsync(Grains);
        var room = await TestData.CreateRoomAsync(Grains, owner, isPublic: false);
        var grain = Grains.GetGrain<IRoomGrain>(room.Id);

        var refusals = new Func<Task>[]
        {
            () => grain.GetInfo(outsider.Id),
            () => grain.GetMessages(outsider.Id, new HistoryQuery(null, null, 10)),
            () => grain.GetOnlineUsers(outsider.Id),
            () => grain.Join(TestData.Connection(outsider)),
            () => Grains.GetGrain<IUserGrain>(outsider.Id).SendMessage(room.Id, "let me in", null, null),
            () => grain.AddMember(outsider.Id, outsider.Id),
        };
        foreach (var refusal in refusals)
        {
            var error = await Assert.ThrowsAsync<ChatException>(refusal);
            Assert.Equal(ChatErrorCode.NotFound, error.Code);
        }
        Assert.Empty(await grain.GetMessages(owner.Id, new HistoryQuery(null, null, 10)));
    }

    [Fact]
    public async Task TheCreatorAddsMembersWhoThenSeeTheRoomAndMembersCannotAddOthers()
    {
        var owner = await TestData.RegisterAsync(Grains);
        var member = await TestData.RegisterAsync(Grains);
        var third = await TestData.RegisterAsync(Grains);
        var room = await TestData.CreateRoomAsync(Grains, owner, isPublic: false);
        var grain = Grains.GetGrain<IRoomGrain>(room.Id);

        await grain.AddMember(owner.Id, member.Id);
        var sent = await Grains.GetGrain<IUserGrain>(member.Id).SendMessage(room.Id, "thanks for the invite", null, null);
        var error = await Assert.ThrowsAsync<ChatException>(() => grain.AddMember(member.Id, third.Id));

        Assert.True(sent.Created);
        Assert.Equal(ChatErrorCode.Forbidden, error.Code);
        Assert.Contains(room.Id, await Grains.GetGrain<IUserGrain>(member.Id).GetPrivateRooms());
        Assert.Contains(room.Id, await Grains.GetGrain<IUserGrain>(owner.Id).GetPrivateRooms());
        Assert.DoesNotContain(room.Id, await Grains.GetGrain<IUserGrain>(third.Id).GetPrivateRooms());
    }

    [Fact]
    public async Task PublicRoomsAreListedInTheDirectoryAndPrivateOnesAreNot()
    {
        var owner = await TestData.RegisterAsync(Grains);
        var open = await TestData.CreateRoomAsync(Grains, owner, isPublic: true);
        var closed = await TestData.CreateRoomAsync(Grains, owner, isPublic: false);

        var listed = await Grains.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).GetPublicRooms();

        Assert.Contains(listed, r => r.Id == open.Id);
        Assert.DoesNotContain(listed, r => r.Id == closed.Id);
    }

    [Fact]
    public async Task CreatingARoomTwiceIsAConflictAndKeepsTheFirst()
    {
        var owner = await TestData.RegisterAsync(Grains);
        var other = await TestData.RegisterAsync(Grains);
        var room = await TestData.CreateRoomAsync(Grains, owner, isPublic: true);

        var error = await Assert.ThrowsAsync<ChatException>(() =>
            Grains.GetGrain<IRoomGrain>(room.Id).Create(new NewRoom("Hijack", "", false, other.Id)));

        Assert.Equal(ChatErrorCode.Conflict, error.Code);
        Assert.Equal(room, await Grains.GetGrain<IRoomGrain>(room.Id).GetInfo(owner.Id));
    }

    [Theory]
    [InlineData("Upper")]
    [InlineData("has space")]
    [InlineData("an-id-that-is-far-too-long-for-a-room-an-id-that-is-far-too-long-x")]
    public async Task InvalidRoomIdsAreRefused(string roomId)
    {
        var owner = await TestData.RegisterAsync(Grains);

        var error = await Assert.ThrowsAsync<ChatException>(() => TestData.CreateRoomAsync(Grains, owner, true, roomId));

        Assert.Equal(ChatErrorCode.BadRequest, error.Code);
    }
}
