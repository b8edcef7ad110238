using Chat.Silo;
using Chat.Testing;
using Microsoft.Extensions.Options;

namespace Chat.Grains.Tests.Hosting;

/// <summary>A silo configured with a value its options forbid refuses to start and names the setting, instead of failing on first use.</summary>
public sealed class SiloOptionsValidationTests
{
    [Theory]
    [InlineData("Chat:RateLimit:PerSecond", "0", "Chat:RateLimit:PerSecond")]
    [InlineData("Chat:RateLimit:Burst", "0", "Chat:RateLimit:Burst")]
    [InlineData("Chat:Rooms:MaxBatchSize", "0", "Chat:Rooms:MaxBatchSize")]
    [InlineData("Chat:MessageLog:MaxConcurrentWrites", "0", "Chat:MessageLog:MaxConcurrentWrites")]
    [InlineData("Chat:GatewayLease:CheckInterval", "00:00:00", "Chat:GatewayLease:CheckInterval")]
    public async Task ASiloWithAnInvalidSettingRefusesToStartAndNamesIt(string key, string value, string named)
    {
        var builder = SiloApp.CreateBuilder([], silo =>
        {
            silo.Configuration["Orleans:ClusterId"] = TestInfrastructure.NewClusterId();
            silo.Configuration["Orleans:SiloPort"] = TestInfrastructure.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
            silo.Configuration["Orleans:GatewayPort"] = TestInfrastructure.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
            silo.Configuration["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{TestInfrastructure.FreePort()}";
            silo.Configuration["Chat:Dashboard:Enabled"] = "false";
            silo.Configuration[key] = value;
        });
        await using var app = SiloApp.Build(builder);

        var refusal = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(named, refusal.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Orleans:SiloPort", "0", "Orleans")]
    [InlineData("Chat:Streams:Queues", "0", "Chat:Streams:Queues")]
    [InlineData("Chat:Streams:PollingPeriod", "00:00:00", "Chat:Streams:PollingPeriod")]
    [InlineData("Chat:Streams:MaxWait", "-00:00:01", "Chat:Streams:MaxWait")]
    [InlineData("Chat:Streams:MaxWait", "00:00:03", "Chat:Streams:MaxWait")]
    public void ASettingTheSiloIsBuiltFromIsRefusedWhileItIsBuilt(string key, string value, string named)
    {
        var refusal = Assert.Throws<OptionsValidationException>(() => SiloApp.CreateBuilder([], silo =>
            silo.Configuration[key] = value));

        Assert.Contains(named, refusal.Message, StringComparison.Ordinal);
    }
}
