using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace Chat.Testing;

/// <summary>
/// Quotas small enough to exhaust in a few calls and refilled only after a day, for a gateway started with
/// <see cref="ChatCluster.StartGatewayAsync"/>: a test shows a refusal without looping, and nothing it does is refilled
/// behind its back.
/// </summary>
public static class TinyQuotas
{
    public const int Reads = 3;
    public const int Joins = 2;
    public const int ReplayMessages = 2;

    public static void Apply(WebApplicationBuilder builder) => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Gateway:Quotas:ReadBurst"] = $"{Reads}",
        ["Gateway:Quotas:ReadsPerPeriod"] = "1",
        ["Gateway:Quotas:ReadRefillPeriod"] = "1.00:00:00",
        ["Gateway:Quotas:JoinBurst"] = $"{Joins}",
        ["Gateway:Quotas:JoinsPerPeriod"] = "1",
        ["Gateway:Quotas:JoinRefillPeriod"] = "1.00:00:00",
        ["Gateway:Quotas:MaxReplayMessages"] = $"{ReplayMessages}",
    });
}
