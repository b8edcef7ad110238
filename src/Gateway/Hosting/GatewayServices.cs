using Chat.Gateway.Application;
using Chat.Gateway.Application.Attachments;
using Chat.Gateway.Application.Conversations;
using Chat.Gateway.Application.Messages;
using Chat.Gateway.Application.Presence;
using Chat.Gateway.Application.Rooms;
using Chat.Gateway.Application.Users;
using Chat.Gateway.Fanout;
using Chat.Gateway.Lease;
using Chat.Gateway.Presence;
using Chat.ServiceDefaults;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Hosting;

public static class GatewayServices
{
    /// <summary>
    /// Defaults as the lowest-priority configuration source (any file, environment variable or argument wins):
    /// Kestrel's endpoints <c>Http</c> (REST, SignalR, /ws, health; HTTP/1.1 and 2) and <c>Grpc</c> (HTTP/2 only, as
    /// cleartext gRPC needs), overridden by <c>Kestrel__Endpoints__Http__Url</c> / <c>Kestrel__Endpoints__Grpc__Url</c>;
    /// and quiet framework logs.
    /// </summary>
    public static WebApplicationBuilder AddChatDefaults(this WebApplicationBuilder builder)
    {
        var defaults = new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            ["Logging:LogLevel:Orleans"] = "Warning",
            // SignalR logs every refused invocation as an error; the hub's filter logs the unexpected ones itself.
            ["Logging:LogLevel:Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher"] = "Critical",
            // Kestrel logs every connection over its cap (the backstop of ConnectionAdmission, which logs once itself).
            ["Logging:LogLevel:Microsoft.AspNetCore.Server.Kestrel.Connections"] = "Error",
            ["Kestrel:Endpoints:Http:Url"] = "http://127.0.0.1:3001",
            ["Kestrel:Endpoints:Http:Protocols"] = "Http1AndHttp2",
            ["Kestrel:Endpoints:Grpc:Url"] = "http://127.0.0.1:50051",
            ["Kestrel:Endpoints:Grpc:Protocols"] = "Http2",
        };
        ((IConfigurationBuilder)builder.Configuration).Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource { InitialData = defaults });

        builder.Services.AddOptions<KestrelServerOptions>().Configure<IOptions<ChatGatewayOptions>>((kestrel, gateway) =>
            kestrel.Limits.MaxRequestBodySize = gateway.Value.MaxRequestBodyBytes);
        return builder;
    }

    /// <summary>The application layer, live delivery (fan-out) and the gateway lease.</summary>
    public static IServiceCollection AddChatGateway(this IServiceCollection services)
    {
        services.AddValidatedOptions<ChatGatewayOptions>(ChatGatewayOptions.SectionName);
        services.AddValidatedOptions<FanoutOptions>(FanoutOptions.SectionName);
        services.AddValidatedOptions<LeaseOptions>(LeaseOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<RegisterUser>();
        services.AddSingleton<LogIn>();
        services.AddSingleton<CreateRoom>();
        services.AddSingleton<ListRooms>();
        services.AddSingleton<UploadAttachment>();
        services.AddValidatedOptions<AttachmentOptions>(AttachmentOptions.SectionName);
        services.AddSingleton<IChatApplication, ChatApplication>();
        services.AddValidatedOptions<SendBudgetOptions>(SendBudgetOptions.SectionName);
        services.AddSingleton<SendBudget>();
        services.AddHostedService<SendBudgetSweeper>();
        services.AddSingleton<GetProfiles>();
        services.AddSingleton<TypingThrottle>();
        services.AddSingleton<LocalUsers>();
        services.AddSingleton<ILeaseFollower>(provider => provider.GetRequiredService<LocalUsers>());

        services.AddSingleton<RoomFeeds>();
        services.AddSingleton<IRoomFeeds>(provider => provider.GetRequiredService<RoomFeeds>());
        services.AddSingleton<IGatewayLease, GatewayLease>();
        services.AddSingleton<IRoomTracker>(provider => provider.GetRequiredService<IGatewayLease>());
        services.AddSingleton<IRoomMembership, ClusterRoomMembership>();
        services.AddSingleton<LiveRooms>();
        services.AddChatConversations();

        services.AddHostedService<StartupReport>();
        services.AddHostedService<ClusterReachabilityGauge>();
        // Stopped in reverse order: the lease is released after live connections are gone, before the client stops.
        services.AddHostedService<GatewayLeaseService>();
        services.AddHostedService<RoomCheckService>();
        return services;
    }
}
