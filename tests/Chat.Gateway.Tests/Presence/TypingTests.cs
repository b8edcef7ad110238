using System.Diagnostics;
using System.Threading.Channels;
using Chat.Contracts;
using Chat.Errors;
using Chat.Gateway.Tests.Support;
using Chat.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Chat.Gateway.Tests.Presence;

/// <summary>Typing indicators: to the room's other joined connections only, throttled per user and room, never for a room one cannot read.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class TypingTests(ChatCluster cluster)
{
    [Fact]
    public async Task Typing_reaches_the_other_users_connections_on_every_transport_and_none_of_the_typers_own()
    {
        var alice = await cluster.RegisterUserAsync("alice");
        var bob = await cluster.RegisterUserAsync("bob");
        var roomId = await TestRooms.CreateAsync(cluster, alice);
        await using var aliceTyping = await HubClient.ConnectAsync(cluster, alice);
        await using var aliceOtherTab = await HubClient.ConnectAsync(cluster, alice, messagePack: true);
        await using var bobHub = await HubClient.ConnectAsync(cluster, bob);
        await using var bobWs = await WsClient.ConnectAsync(cluster, bob);
        foreach (var hub in new[] { aliceTyping, aliceOtherTab, bobHub })
        {
            await hub.JoinAsync(roomId);
        }
        await bobWs.RequestAsync("join_room", new { roomId });
        var typingSeenByAliceTab = RecordTyping(aliceOtherTab);
        var typingSeenByAliceTyper = RecordTyping(aliceTyping);
        var typingSeenByBob = RecordTyping(bobHub);

        await aliceTyping.Connection.InvokeAsync("Typing", roomId);

        Assert.Equal(new PresenceDto(roomId, alice.Id, alice.Username), await typingSeenByBob.ReadAsync().AsTask().WaitAsync(Wait.Timeout));
        var frame = await bobWs.ExpectTypeAsync("user_typing");
        Assert.Equal((roomId, alice.Id, alice.Username),
            (frame.GetProperty("roomId").GetString(), frame.GetProperty("userId").GetString(), frame.GetProperty("username").GetString()));
        // Fence: a message sent after the indicator reaches alice's connections after it would have.
        await TestRooms.SendAsync(cluster, bob, roomId, "fence");
        Assert.Equal("fence", (await aliceOtherTab.NextMessageAsync()).Content);
        Assert.Equal("fence", (await aliceTyping.NextMessageAsync()).Content);
        Assert.False(typingSeenByAliceTab.TryRead(out _));
        Assert.False(typingSeenByAliceTyper.TryRead(out _));
    }

    [Fact]
    public async Task At_most_one_indicator_per_user_and_room_is_relayed_per_two_seconds_across_connections_and_gateways()
    {
        await using var second = await cluster.StartGatewayAsync();
        for (var attempt = 1; ; attempt++)
        {
            var alice = await cluster.RegisterUserAsync("alice");
            var bob = await cluster.RegisterUserAsync("bob");
            var roomId = await TestRooms.CreateAsync(cluster, alice);
            await using var aliceHere = await HubClient.ConnectAsync(cluster, alice);
            await using var aliceThere = await WsClient.ConnectAsync(second.HttpBaseAddress, alice);
            await using var bobHub = await HubClient.ConnectAsync(cluster, bob);
            await bobHub.JoinAsync(roomId);
            var typingSeenByBob = RecordTyping(bobHub);

            var clock = Stopwatch.StartNew();
            await aliceHere.Connection.InvokeAsync("Typing", roomId);
            Assert.Equal("typing_sent", (await aliceThere.RequestAsync("typing", new { roomId })).GetProperty("type").GetString());
            await aliceHere.Connection.InvokeAsync("Typing", roomId);
            Assert.Equal("typing_sent", (await aliceThere.RequestAsync("typing", new { roomId })).GetProperty("type").GetString());
            var burst = clock.Elapsed;
            await TestRooms.SendAsync(cluster, alice, roomId, "fence");
            Assert.Equal("fence", (await bobHub.NextMessageAsync()).Content);
            if (burst >= ChatRules.TypingInterval / 2 && attempt < 3)
            {
                continue; // the machine was too slow for the burst to fall within one interval: inconclusive, try again
            }

            Assert.True(typingSeenByBob.TryRead(out var relayed));
            Assert.Equal(alice.Id, relayed.UserId);
            Assert.False(typingSeenByBob.TryRead(out _), "a second indicator within the interval was relayed");

            // Once the interval has passed, typing is relayed again (polled, not slept: each call is swallowed until then).
            using var deadline = new CancellationTokenSource(Wait.Timeout);
            while (!typingSeenByBob.TryRead(out _))
            {
                await aliceHere.Connection.InvokeAsync("Typing", roomId);
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
            return;
        }
    }

    [Fact]
    public async Task Typing_in_a_room_one_cannot_read_is_refused_as_not_found_on_every_transport()
    {
        var alice = await cluster.RegisterUserAsync("alice");
        var mallory = await cluster.RegisterUserAsync("mallory");
        var privateRoom = await TestRooms.CreateAsync(cluster, alice, isPublic: false);
        await using var aliceHub = await HubClient.ConnectAsync(cluster, alice);
        await aliceHub.JoinAsync(privateRoom);
        var typingSeenByAlice = RecordTyping(aliceHub);
        await using var malloryHub = await HubClient.ConnectAsync(cluster, mallory);
        await using var malloryWs = await WsClient.ConnectAsync(cluster, mallory);

        foreach (var roomId in new[] { privateRoom, $"missing-{Guid.NewGuid():N}"[..30] })
        {
            var refused = await Assert.ThrowsAsync<HubException>(() => malloryHub.Connection.InvokeAsync("Typing", roomId));
            Assert.Contains("not_found", refused.Message);
            var error = await malloryWs.RequestAsync("typing", new { roomId });
            Assert.Equal(("error", "not_found", "typing"),
                (error.GetProperty("type").GetString(), error.GetProperty("code").GetString(), error.GetProperty("requestType").GetString()));
        }
        var malformed = await malloryWs.RequestAsync("typing", new { roomId = "Not A Room!" });
        Assert.Equal("bad_request", malformed.GetProperty("code").GetString());
        var missing = await malloryWs.RequestAsync("typing");
        Assert.Equal("bad_request", missing.GetProperty("code").GetString());

        await TestRooms.SendAsync(cluster, alice, privateRoom, "fence");
        Assert.Equal("fence", (await aliceHub.NextMessageAsync()).Content);
        Assert.False(typingSeenByAlice.TryRead(out _));
    }

    private static ChannelReader<PresenceDto> RecordTyping(HubClient client)
    {
        var seen = Channel.CreateUnbounded<PresenceDto>();
        client.Connection.On<PresenceDto>("UserTyping", typing => seen.Writer.TryWrite(typing));
        return seen.Reader;
    }
}
