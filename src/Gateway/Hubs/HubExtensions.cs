using System.Text.Json;
using Chat.Gateway.Fanout;
using Microsoft.AspNetCore.SignalR;

namespace Chat.Gateway.Hubs;

public static class HubExtensions
{
    public const string Path = "/hubs/chat";

    /// <summary>SignalR with the JSON (camelCase) and MessagePack protocols, and the hub's error filter.</summary>
    public static IServiceCollection AddChatHub(this IServiceCollection services)
    {
        services.AddSingleton<SignalRTransport>();
        // Closed generic: wins over AddSignalR's open-generic DefaultHubLifetimeManager<> for this hub.
        services.AddSingleton<HubLifetimeManager<ChatHub>, ChatHubLifetimeManager>();
        services.AddSingleton<ILiveTransport>(provider => provider.GetRequiredService<SignalRTransport>());
        services.AddSingleton<IUserEventTransport, SignalRUserEvents>();
        services.AddSignalR(hub =>
            {
                hub.AddFilter<HubErrorFilter>();
                hub.AddFilter<SessionHubFilter>();
                hub.AddFilter<ConnectionQuotaHubFilter>();
                hub.AddFilter<RateQuotaHubFilter>();
            })
            .AddJsonProtocol(json => json.PayloadSerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase)
            .AddMessagePackProtocol();
        return services;
    }

    public static HubEndpointConventionBuilder MapChatHub(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHub<ChatHub>(Path, connection => connection.CloseOnAuthenticationExpiration = true);
}
