using Chat.Grains.Rooms;
using Chat.Rooms;

namespace Chat.Grains.Tests.Rooms;

public sealed class RoomPresenceUnitTests
{
    private static ConnectionPresence Conn(string gateway, string connection, string user) => new(gateway, connection, user, user.ToUpperInvariant());

    [Fact]
    public void AUserIsOnlineWhileAnyOfTheirConnectionsIs()
    {
        var presence = new RoomPresence();

        Assert.NotNull(presence.Add(Conn("g1", "c1", "ann")));
        Assert.Null(presence.Add(Conn("g2", "c2", "ann")));
        Assert.Null(presence.Remove("g1", "c1"));
        Assert.Equal(new OnlineUser("ann", "ANN"), presence.Remove("g2", "c2"));
        Assert.Empty(presence.OnlineUsers);
    }

    [Fact]
    public void RemovingAGatewayTakesOfflineOnlyUsersWithNoOtherConnection()
    {
        var presence = new RoomPresence();
        presence.Add(Conn("dead", "c1", "ann"));
        presence.Add(Conn("dead", "c2", "bob"));
        presence.Add(Conn("live", "c3", "bob"));

        var left = presence.RemoveGateway("dead");

        Assert.Equal(["ann"], left.Select(u => u.UserId));
        Assert.Equal(["bob"], presence.OnlineUsers.Select(u => u.UserId));
        Assert.Equal(1, presence.ConnectionCount);
    }

    [Fact]
    public void ReplacingAGatewaysConnectionsReportsOnlyRealChanges()
    {
        var presence = new RoomPresence();
        presence.Add(Conn("g", "c1", "ann"));
        presence.Add(Conn("g", "c2", "bob"));

        var (joined, left) = presence.ReplaceGateway("g", [Conn("g", "c2", "bob"), Conn("g", "c3", "cat"), Conn("other", "x", "eve")]);

        Assert.Equal(["cat"], joined.Select(u => u.UserId));
        Assert.Equal(["ann"], left.Select(u => u.UserId));
        Assert.Equal(["bob", "cat"], presence.OnlineUsers.Select(u => u.UserId));
    }

    [Fact]
    public void UnknownConnectionsAndGatewaysAreIgnored()
    {
        var presence = new RoomPresence();

        Assert.Null(presence.Remove("g", "nobody"));
        Assert.Empty(presence.RemoveGateway("g"));
    }
}
