using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Contracts;
using Chat.Gateway.Presence;
using Chat.Gateway.Tests.Support;
using Chat.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Chat.Gateway.Tests.Presence;

/// <summary>Profiles with global presence: online while any device is connected on any gateway, last seen when the last one closed.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class ProfilesTests(ChatCluster cluster)
{
    [Fact]
    public async Task A_user_stays_online_until_their_last_device_on_any_gateway_closes_and_is_then_last_seen()
    {
        await using var second = await cluster.StartGatewayAsync();
        var alice = await cluster.RegisterUserAsync("alice");
        var bob = await cluster.RegisterUserAsync("bob");
        using var asBob = cluster.CreateClient(bob);

        var before = await ProfileAsync(asBob, alice.Id);
        Assert.Equal((alice.Id, alice.Username, false, null), (before.Id, before.Username, before.Online, before.LastSeenAt));

        var phone = await HubClient.ConnectAsync(cluster, alice);
        var laptop = await WsClient.ConnectAsync(second.HttpBaseAddress, alice);
        await Wait.UntilAsync(async () => (await ProfileAsync(asBob, alice.Id)).Online, "alice is online");

        await phone.DisposeAsync();
        // Fence: the first gateway has told alice's presence that it holds no connection of hers any more.
        await Wait.UntilAsync(() => Task.FromResult(!cluster.GatewayServices.GetRequiredService<LocalUsers>().Holds(alice.Id)), "the phone's gateway let go");
        var oneDeviceLeft = await ProfileAsync(asBob, alice.Id);
        Assert.True(oneDeviceLeft.Online);
        Assert.Null(oneDeviceLeft.LastSeenAt);

        var closing = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await laptop.DisposeAsync();
        await Wait.UntilAsync(async () => !(await ProfileAsync(asBob, alice.Id)).Online, "alice is offline");
        var after = await ProfileAsync(asBob, alice.Id);
        Assert.NotNull(after.LastSeenAt);
        Assert.InRange(after.LastSeenAt.Value, closing, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
    }

    [Fact]
    public async Task A_gateway_that_shuts_down_takes_its_users_offline_everywhere()
    {
        var second = await cluster.StartGatewayAsync();
        var alice = await cluster.RegisterUserAsync("alice");
        var bob = await cluster.RegisterUserAsync("bob");
        using var asBob = cluster.CreateClient(bob);
        var aliceThere = await WsClient.ConnectAsync(second.HttpBaseAddress, alice);
        await Wait.UntilAsync(async () => (await ProfileAsync(asBob, alice.Id)).Online, "alice is online");

        await second.DisposeAsync();

        await Wait.UntilAsync(async () => !(await ProfileAsync(asBob, alice.Id)).Online, "alice is offline");
        Assert.NotNull((await ProfileAsync(asBob, alice.Id)).LastSeenAt);
        await aliceThere.DisposeAsync();
    }

    [Fact]
    public async Task A_batch_answers_the_known_users_once_each_in_the_order_asked_without_their_email()
    {
        var alice = await cluster.RegisterUserAsync("alice");
        var bob = await cluster.RegisterUserAsync("bob");
        using var asBob = cluster.CreateClient(bob);
        var unknown = Guid.NewGuid().ToString("N");

        using var response = await asBob.GetAsync($"/users?ids={bob.Id},{unknown},{alice.Id},{bob.Id}");
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        var users = body.GetProperty("users").EnumerateArray().ToList();
        Assert.Equal([bob.Id, alice.Id], users.Select(u => u.GetProperty("id").GetString()));
        Assert.All(users, u => Assert.False(u.TryGetProperty("email", out _)));
        Assert.All(users, u => Assert.True(u.TryGetProperty("online", out _) && u.TryGetProperty("lastSeenAt", out _) && u.TryGetProperty("displayName", out _)));
        using var single = await asBob.GetAsync($"/users/{alice.Id}");
        Assert.False((await single.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("email", out _));
    }

    [Theory]
    [InlineData("/users?ids=")]
    [InlineData("/users")]
    [InlineData("/users?ids=,,")]
    [InlineData("/users?ids=not%20an%20id")]
    [InlineData("/users/not%20an%20id")]
    [InlineData("/users/x0123456789012345678901234567890123456789012345678901234567890123")]
    public async Task Bad_ids_are_a_clear_400(string path)
    {
        using var asBob = cluster.CreateClient(await cluster.RegisterUserAsync("bob"));

        using var response = await asBob.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task More_than_a_hundred_ids_are_refused_and_a_hundred_are_answered()
    {
        var bob = await cluster.RegisterUserAsync("bob");
        using var asBob = cluster.CreateClient(bob);
        var hundred = Enumerable.Range(0, 99).Select(_ => Guid.NewGuid().ToString("N")).Append(bob.Id).ToList();

        using var tooMany = await asBob.GetAsync($"/users?ids={string.Join(',', hundred.Append(Guid.NewGuid().ToString("N")))}");
        using var enough = await asBob.GetAsync($"/users?ids={string.Join(',', hundred)}");

        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("100", (await tooMany.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        enough.EnsureSuccessStatusCode();
        Assert.Equal([bob.Id], (await enough.Content.ReadFromJsonAsync<ProfilesResponse>(JsonSerializerOptions.Web))!.Users.Select(u => u.Id));
    }

    [Fact]
    public async Task An_unknown_user_is_404_and_a_caller_without_a_token_is_401()
    {
        using var asBob = cluster.CreateClient(await cluster.RegisterUserAsync("bob"));

        using var unknown = await asBob.GetAsync($"/users/{Guid.NewGuid():N}");
        using var anonymous = await cluster.Http.GetAsync($"/users?ids={Guid.NewGuid():N}");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private static async Task<ProfileDto> ProfileAsync(HttpClient client, string userId) =>
        (await client.GetFromJsonAsync<ProfileDto>($"/users/{userId}", JsonSerializerOptions.Web))!;
}
