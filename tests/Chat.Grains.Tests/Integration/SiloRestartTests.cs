using Chat.Messages;
using Chat.Rooms;
using Chat.Silo;
using Chat.Streams;
using Chat.Testing;
using Chat.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MySqlConnector;
using Orleans.Configuration;

namespace Chat.Grains.Tests.Integration;

/// <summary>A real silo in the production profile (MariaDB storage, Redis clustering), stopped and started again.</summary>
public sealed class SiloRestartTests : IAsyncLifetime
{
    private readonly string _clusterId = TestInfrastructure.NewClusterId();
    private readonly int _siloPort = TestInfrastructure.FreePort();
    private readonly int _gatewayPort = TestInfrastructure.FreePort();
    private readonly int _httpPort = TestInfrastructure.FreePort();
    private string _database = "";

    public async Task InitializeAsync() => _database = await TestInfrastructure.CreateDatabaseAsync("chat_restart");

    public Task DisposeAsync() => TestInfrastructure.DropDatabaseAsync(_database);

    [Fact]
    public async Task HistoryUsersAndRoomsSurviveARestartAndSeqContinues()
    {
        string userId;
        var roomId = $"restart-{Guid.NewGuid():N}"[..20];
        await using (var silo = await StartSiloAsync())
        using (var client = await StartClientAsync())
        {
            var grains = client.Services.GetRequiredService<IClusterClient>();
            var user = await TestData.RegisterAsync(grains);
            userId = user.Id;
            await TestData.CreateRoomAsync(grains, user, isPublic: false, roomId);
            for (var i = 1; i <= 3; i++)
            {
                await grains.GetGrain<IUserGrain>(user.Id).SendMessage(roomId, $"before restart {i}", $"c{i}", null);
            }
            Assert.Contains(await grains.GetGrain<IRoomDirectoryGrain>(IRoomDirectoryGrain.Key).GetPublicRooms(), r => r.Id == "general");
            await client.StopAsync();
            await silo.StopAsync();
        }

        await using (var silo = await StartSiloAsync())
        using (var client = await StartClientAsync())
        {
            var grains = client.Services.GetRequiredService<IClusterClient>();
            var retry = await grains.GetGrain<IUserGrain>(userId).SendMessage(roomId, "before restart 3", "c3", null);
            var after = await grains.GetGrain<IUserGrain>(userId).SendMessage(roomId, "after restart", null, null);
            var history = await grains.GetGrain<IRoomGrain>(roomId).GetMessages(userId, new HistoryQuery(null, null, 50));

            Assert.False(retry.Created);
            Assert.Equal(4, after.Message.Seq);
            Assert.Equal([1L, 2L, 3L, 4L], history.Select(m => m.Seq));
            Assert.NotNull(await grains.GetGrain<IUserGrain>(userId).GetProfile());
            Assert.Contains(roomId, await grains.GetGrain<IUserGrain>(userId).GetPrivateRooms());
            await client.StopAsync();
            await silo.StopAsync();
        }

        await using var connection = new MySqlConnection(_database);
        await connection.OpenAsync();
        await using var count = new MySqlCommand("SELECT COUNT(*) FROM messages WHERE room_id = @r", connection);
        count.Parameters.AddWithValue("@r", roomId);
        Assert.Equal(4L, Convert.ToInt64(await count.ExecuteScalarAsync()));
    }

    private async Task<WebApplication> StartSiloAsync()
    {
        var builder = SiloApp.CreateBuilder([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:MySql"] = _database,
            ["ConnectionStrings:Redis"] = TestInfrastructure.RedisConnectionString,
            ["Orleans:ClusterId"] = _clusterId,
            ["Orleans:SiloPort"] = _siloPort.ToString(),
            ["Orleans:GatewayPort"] = _gatewayPort.ToString(),
            ["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{_httpPort}",
        }));
        var silo = SiloApp.Build(builder);
        await silo.StartAsync();
        return silo;
    }

    private async Task<IHost> StartClientAsync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.UseOrleansClient(client =>
        {
            client.UseRedisClustering(TestInfrastructure.RedisConnectionString);
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (_clusterId, "chat-orleans"));
            client.AddWakingStreams(ChatStreams.ProviderName);
        });
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
