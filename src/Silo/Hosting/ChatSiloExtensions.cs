using System.Net;
using Chat.Grains.Leases;
using Chat.Grains.Rooms;
using Chat.Grains.Storage;
using Chat.Grains.Users;
using Chat.Rooms;
using Chat.ServiceDefaults;
using Chat.ServiceDefaults.Secrets;
using Chat.Silo.Storage;
using Chat.Streams;
using Microsoft.Extensions.Options;
using MySqlConnector;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;

namespace Chat.Silo.Hosting;

/// <summary>
/// Composes the silo. With <c>ConnectionStrings:MySql</c> and <c>ConnectionStrings:Redis</c> it is the production
/// profile (Redis clustering, MySQL grain state and message log); without them it is the embedded default
/// (localhost clustering, everything in this process's memory), announced loudly.
/// </summary>
public static partial class ChatSiloExtensions
{
    private const string MySqlConnectorInvariant = "MySql.Data.MySqlConnector";

    public static WebApplicationBuilder AddChatSilo(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var mySql = configuration.GetConnectionString("MySql");
        var redis = configuration.GetConnectionString("Redis");
        DatastoreSecrets.EnsureStrong(configuration, builder.Environment);
        ChatDashboardOptions.Read(configuration).EnsureUsable(builder.Environment);
        // Read now because the silo is built from them; checked now with the same rules as at start.
        var host = configuration.ReadValidated<ChatClusterOptions>(ChatClusterOptions.SectionName);
        var streams = configuration.ReadValidated<RoomStreamOptions>(RoomStreamOptions.Section);
        streams.EnsureWaitFitsIn(host.ResponseTimeout);

        builder.Services.AddValidatedOptions<ChatClusterOptions>(ChatClusterOptions.SectionName);
        builder.Services.AddValidatedOptions<RoomOptions>(RoomOptions.Section);
        builder.Services.AddValidatedOptions<SendRateLimitOptions>(SendRateLimitOptions.Section);
        builder.Services.AddValidatedOptions<Chat.Grains.Sessions.SessionOptions>(Chat.Grains.Sessions.SessionOptions.Section);
        builder.Services.AddValidatedOptions<Chat.Grains.Quotas.SignInBackoffOptions>(Chat.Grains.Quotas.SignInBackoffOptions.Section);
        builder.Services.AddValidatedOptions<GatewayLeaseOptions>(GatewayLeaseOptions.Section);
        builder.Services.AddValidatedOptions<MessageStoreOptions>(MessageStoreOptions.Section);
        builder.Services.AddValidatedOptions<MessageLogWriteOptions>(MessageLogWriteOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);

        if (!string.IsNullOrWhiteSpace(mySql))
        {
            var store = configuration.ReadValidated<MessageStoreOptions>(MessageStoreOptions.Section);
            var connectionString = new MySqlConnectionStringBuilder(mySql)
            {
                ConnectionTimeout = (uint)store.ConnectTimeoutSeconds,
                DefaultCommandTimeout = (uint)store.CommandTimeoutSeconds,
                // The log sets no session state (its one transaction is always ended), so a pooled connection needs
                // no reset round trip before each write; a connection that died with a restarted server is handled
                // where it fails (MySqlConnections: the pool is emptied and the unit of work retried once).
                ConnectionReset = false,
            }.ConnectionString;
            builder.Services.AddSingleton(sp => new MySqlConnections(connectionString, sp.GetRequiredService<ILogger<MySqlConnections>>()));
            builder.Services.AddSingleton<IMessageLog, MySqlMessageLog>();
            builder.Services.AddSingleton<IRoomDirectoryStore, MySqlRoomDirectoryStore>();
            // Registered before the silo so the schema exists before grain storage reads its queries.
            builder.Services.AddHostedService<SchemaMigrator>();
        }
        else
        {
            builder.Services.AddSingleton<IMessageLog, InMemoryMessageLog>();
            builder.Services.AddSingleton<IRoomDirectoryStore, InMemoryRoomDirectoryStore>();
        }
        builder.Services.AddChatSearchAndAttachments(mySql: !string.IsNullOrWhiteSpace(mySql));

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = host.ClusterId;
                o.ServiceId = host.ServiceId;
            });
            if (!string.IsNullOrWhiteSpace(redis))
            {
                silo.UseRedisClustering(redis);
                var advertised = IPAddress.Parse(host.AdvertisedIPAddress);
                silo.ConfigureEndpoints(advertised, host.SiloPort, host.GatewayPort, host.ListenOnAnyAddress);
                if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("POD_NAME")))
                {
                    // On Kubernetes: pod name and IP as silo identity, and a silo whose pod is deleted is declared dead at once.
                    silo.UseKubernetesHosting();
                }
            }
            else
            {
                silo.UseLocalhostClustering(host.SiloPort, host.GatewayPort, serviceId: host.ServiceId, clusterId: host.ClusterId);
            }
            // A call from a silo also gives up after Chat:Cluster:ResponseTimeout instead of Orleans' 30 s. What this
            // bounds: a stream delivery to a gateway whose route died with a killed silo gets no answer, only this
            // time-out, and the pulling agent holds that room's later events for the gateway until it retries; at
            // 30 s a room went quiet on every gateway for half a minute after a silo crash (the chaos soak).
            // And a gateway process that died (its connection gone for ClientDropTimeout) is dropped after 10 s instead
            // of Orleans' minute: until then a silo queues messages for it, so stream deliveries to its consumers time
            // out one by one, and a pulling agent that re-registers a room's stream after a silo crash waits on them.
            silo.Configure<SiloMessagingOptions>(o =>
            {
                o.ResponseTimeout = host.ResponseTimeout;
                o.ClientDropTimeout = TimeSpan.FromSeconds(10);
            });
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                // Fail-over in seconds rather than Orleans' conservative defaults (~13 s here): a dead silo is suspected
                // after three missed 1 s probes, and members re-read the table every 5 s. Overridable under Orleans:Membership.
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 3;
                o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
                o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
                o.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(20);
                configuration.GetSection("Orleans:Membership").Bind(o);
            });

            if (!string.IsNullOrWhiteSpace(mySql))
            {
                AddMySqlGrainStorage(silo, ChatStorage.GrainState, mySql);
                AddMySqlGrainStorage(silo, ChatStreams.PubSubStore, mySql);
            }
            else
            {
                silo.AddMemoryGrainStorage(ChatStorage.GrainState);
                silo.AddMemoryGrainStorage(ChatStreams.PubSubStore);
            }
            // Room and user streams: Orleans persistent streams over in-memory queues whose reads wait for a message
            // (Chat.Streams) instead of Orleans' memory streams, whose agents poll every queue once per period even when idle.
            silo.AddWakingStreams(ChatStreams.ProviderName, streams.Queues, streams.PollingPeriod, streams.MaxWait);
            silo.AddActivityPropagation();
            silo.UseClusterTls(configuration);
            silo.AddStartupTask<DefaultRooms>();
            if (DashboardEnabled(configuration))
            {
                silo.AddDashboard();
            }
        });

        builder.Services.AddHostedService(sp => new ProfileAnnouncer(
            sp.GetRequiredService<ILogger<ProfileAnnouncer>>(), !string.IsNullOrWhiteSpace(mySql), !string.IsNullOrWhiteSpace(redis), host));
        return builder;
    }

    /// <summary>
    /// The Orleans dashboard (grain and silo statistics at <c>/dashboard</c> on the silo's HTTP endpoint): off unless
    /// <c>Chat:Dashboard:Enabled=true</c>, and then only behind the credentials of <see cref="ChatDashboardOptions"/>.
    /// </summary>
    public static bool DashboardEnabled(IConfiguration configuration) => ChatDashboardOptions.Read(configuration).Enabled;

    /// <summary>ADO.NET grain storage on MySqlConnector, serialized with Orleans' version-tolerant serializer (not JSON with type names).</summary>
    private static void AddMySqlGrainStorage(ISiloBuilder silo, string name, string connectionString)
    {
        var store = $"{name}.mysql";
        silo.Services.AddKeyedSingleton<IGrainStorageSerializer>(store,
            (sp, _) => new OrleansGrainStorageSerializer(sp.GetRequiredService<Serializer>()));
        silo.AddAdoNetGrainStorage(store, o =>
        {
            o.Invariant = MySqlConnectorInvariant;
            o.ConnectionString = connectionString;
        });
        // Grains use `name`: the MySQL store, deadlock victims retried, other failures a retryable error every caller can read.
        silo.Services.AddKeyedSingleton<IGrainStorage>(name,
            (sp, _) => new GuardedGrainStorage(sp.GetRequiredKeyedService<IGrainStorage>(store),
                new MySqlConnections(connectionString, sp.GetRequiredService<ILogger<MySqlConnections>>())));
    }

    /// <summary>Says at start-up, loudly when it matters, which profile this silo runs.</summary>
    private sealed partial class ProfileAnnouncer(ILogger<ProfileAnnouncer> logger, bool mySql, bool redis, ChatClusterOptions host) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (!mySql || !redis)
            {
                LogEmbedded(logger, mySql ? "MySQL" : "in-memory (lost on exit)", redis ? "Redis" : "localhost (this machine only)");
            }
            else
            {
                LogProduction(logger, host.ClusterId, host.AdvertisedIPAddress, host.SiloPort, host.GatewayPort);
            }
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning, Message = "EMBEDDED DEFAULT: storage is {Storage}, clustering is {Clustering}. Set ConnectionStrings__MySql and ConnectionStrings__Redis for the production profile.")]
        private static partial void LogEmbedded(ILogger logger, string storage, string clustering);

        [LoggerMessage(Level = LogLevel.Information, Message = "Production profile: cluster {ClusterId}, silo {Address}:{SiloPort}, gateway port {GatewayPort}, MySQL storage, Redis clustering")]
        private static partial void LogProduction(ILogger logger, string clusterId, string address, int siloPort, int gatewayPort);
    }
}
