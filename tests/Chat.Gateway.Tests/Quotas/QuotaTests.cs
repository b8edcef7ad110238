using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using Chat.Gateway.Quotas;
using Chat.Gateway.Tests.Support;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Tests.Quotas;

/// <summary>
/// Per-user quotas on the real system, each refused with <c>rate_limited</c> and a wait: rooms created per day, live
/// connections per user on a gateway, and the per-account sign-in back-off beside the per-address limit.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class QuotaTests(ChatCluster cluster)
{
    private QuotaOptions Quotas => cluster.GatewayServices.GetRequiredService<IOptions<QuotaOptions>>().Value;

    [Fact]
    public async Task CreatingMoreRoomsThanTheDailyQuotaIs429WithRetryAfter()
    {
        var user = await cluster.RegisterUserAsync("rooms");
        using var http = cluster.CreateClient(user);
        for (var created = 0; created < Quotas.RoomsPerDay; created += 10)
        {
            var batch = Enumerable.Range(created, Math.Min(10, Quotas.RoomsPerDay - created))
                .Select(i => http.PostAsJsonAsync("/chat/rooms", new { name = $"Quota room {i}", isPublic = false }));
            foreach (var response in await Task.WhenAll(batch))
            {
                using (response)
                {
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                }
            }
        }

        using var refused = await http.PostAsJsonAsync("/chat/rooms", new { name = "One too many", isPublic = false });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("rate_limited", await refused.Content.ReadAsStringAsync());
        // Another user is not affected.
        await TestRooms.CreateAsync(cluster, await cluster.RegisterUserAsync("rooms"), isPublic: false);
    }

    [Fact]
    public async Task AUserCannotHoldMoreLiveConnectionsOnAGatewayThanTheQuota()
    {
        var user = await cluster.RegisterUserAsync("conns");
        var sockets = new List<WsClient>();
        try
        {
            for (var i = 0; i < Quotas.ConnectionsPerUser; i++)
            {
                sockets.Add(await WsClient.ConnectAsync(cluster, user));
            }

            using var upgrade = new ClientWebSocket();
            var refusedSocket = await Assert.ThrowsAsync<WebSocketException>(() => upgrade.ConnectAsync(WsClient.Endpoint(cluster, user.Token), CancellationToken.None));
            Assert.Contains("429", refusedSocket.Message);
            await using var hub = HubClient.Build(cluster, user.Token);
            // The hub refuses after its handshake: the refusal is the close error (or the start's, if it loses the race).
            var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
            hub.Closed += error => { closed.TrySetResult(error); return Task.CompletedTask; };
            try
            {
                await hub.StartAsync();
            }
            catch (Exception exception)
            {
                closed.TrySetResult(exception);
            }
            Assert.Contains("rate_limited", (await closed.Task.WaitAsync(Wait.Timeout))?.Message);

            // Closing one frees its slot.
            await sockets[0].DisposeAsync();
            sockets.RemoveAt(0);
            await Wait.UntilAsync(async () =>
            {
                using var retry = new ClientWebSocket();
                try
                {
                    await retry.ConnectAsync(WsClient.Endpoint(cluster, user.Token), CancellationToken.None);
                    await retry.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                    return true;
                }
                catch (WebSocketException)
                {
                    return false;
                }
            }, "a closed connection's slot is free again");
        }
        finally
        {
            foreach (var socket in sockets)
            {
                await socket.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task RepeatedFailedSignInsLockTheAccountNotTheAddress()
    {
        var target = await cluster.RegisterUserAsync("target");
        var bystander = await cluster.RegisterUserAsync("bystander");
        HttpResponseMessage? locked = null;
        for (var attempt = 0; attempt < 12 && locked is null; attempt++)
        {
            var response = await cluster.Http.PostAsJsonAsync("/users/login", new { username = target.Username, password = "wrong password " + attempt });
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                locked = response;
            }
            else
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
                response.Dispose();
            }
        }

        Assert.NotNull(locked);
        using (locked)
        {
            Assert.True(locked.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        }
        using var other = await cluster.Http.PostAsJsonAsync("/users/login", new { username = bystander.Username, password = ChatCluster.Password });
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }
}
