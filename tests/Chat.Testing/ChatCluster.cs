using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Gateway;
using Chat.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Chat.Testing;

/// <summary>
/// A whole chat system in this test process, in the production profile: a fresh MariaDB database, a real silo
/// (MySQL storage and message log, Redis clustering under a cluster id of its own) and a real gateway on Kestrel,
/// composed exactly as in production (<see cref="SiloApp"/>, <see cref="GatewayApp"/>) on free loopback ports.
/// Share one per test collection (<c>ICollectionFixture&lt;ChatCluster&gt;</c>): starting one takes a few seconds.
/// Disposing it stops both hosts and drops the database.
/// </summary>
public sealed class ChatCluster : IAsyncLifetime
{
    /// <summary>The gateway's signing key, so a test can forge tokens (expired, wrong signature) on purpose.</summary>
    public static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    /// <summary>Password of every user made by <see cref="RegisterUserAsync"/>.</summary>
    public const string Password = "correct horse battery staple";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _clusterId = TestInfrastructure.NewClusterId();
    private readonly List<GatewayHost> _gateways = [];
    private string? _database;
    private WebApplication? _silo;
    private HttpClient? _http;

    /// <summary>The gateway that every helper here talks to (more can be started with <see cref="StartGatewayAsync"/>).</summary>
    public GatewayHost Gateway => _gateways.Count > 0 ? _gateways[0] : throw NotStarted();

    /// <summary>The gateway's HTTP endpoint: REST, <c>/hubs/chat</c>, <c>/ws</c>, <c>/health</c>.</summary>
    public Uri HttpBaseAddress => Gateway.HttpBaseAddress;

    /// <summary>The gateway's cleartext HTTP/2 endpoint for gRPC.</summary>
    public Uri GrpcAddress => Gateway.GrpcAddress;

    /// <summary>The gateway's services (its options, its live state), for tests that look inside.</summary>
    public IServiceProvider GatewayServices => Gateway.Services;

    /// <summary>The cluster's own MariaDB database, for tests that check what is (not) stored.</summary>
    public string DatabaseConnectionString => _database ?? throw NotStarted();

    /// <summary>How old an upload that no message carries may get before the silo deletes it (configured short here).</summary>
    public static readonly TimeSpan AttachmentCleanupAge = TimeSpan.FromSeconds(20);

    /// <summary>The fixture's own database (the silo's message log and grain state), for tests that look into the store.</summary>
    public string MySqlConnectionString => _database ?? throw NotStarted();

    /// <summary>A client for the gateway's HTTP endpoint, without credentials.</summary>
    public HttpClient Http => _http ?? throw NotStarted();

    public async Task InitializeAsync()
    {
        _database = await TestInfrastructure.CreateDatabaseAsync("chat_gw");
        _silo = SiloApp.Build(SiloApp.CreateBuilder([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(SiloSettings());
            TestLogFile.AddTo(builder.Logging, "silo");
        }));
        await _silo.StartAsync();
        await StartGatewayCoreAsync(sharedMeters: true, configure: null);
        _http = new HttpClient { BaseAddress = HttpBaseAddress };
    }

    /// <summary>
    /// Starts one more gateway on the same cluster (its own ports and gateway id), for tests that span gateways.
    /// Stop it with <see cref="GatewayHost.DisposeAsync"/> (a graceful shutdown) or leave it to the fixture.
    /// <paramref name="configure"/> runs after the test settings (e.g. to override one, or to capture logs).
    /// </summary>
    public Task<GatewayHost> StartGatewayAsync(Action<WebApplicationBuilder>? configure = null) =>
        StartGatewayCoreAsync(sharedMeters: false, configure);

    /// <param name="sharedMeters">
    /// True only for the fixture's own gateway, whose <c>/metrics</c> the metrics tests read. Any other gateway's meters
    /// must stay apart: OpenTelemetry merges same-named meters process-wide, and when that gateway stops its meters
    /// complete and the shared gateway's <c>/metrics</c> go quiet for every later test.
    /// </param>
    private async Task<GatewayHost> StartGatewayCoreAsync(bool sharedMeters, Action<WebApplicationBuilder>? configure)
    {
        var http = new Uri($"http://127.0.0.1:{TestInfrastructure.FreePort()}");
        var grpc = new Uri($"http://127.0.0.1:{TestInfrastructure.FreePort()}");
        var app = GatewayApp.Configure(GatewayApp.CreateBuilder([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(GatewaySettings(http, grpc));
            TestLogFile.AddTo(builder.Logging, $"gateway:{http.Port}");
            if (!sharedMeters)
            {
                builder.Services.AddSingleton<IMeterFactory, IsolatedMeterFactory>();
            }
            configure?.Invoke(builder);
        }).Build());
        await app.StartAsync();
        var gateway = new GatewayHost(app, http, grpc);
        _gateways.Add(gateway);
        return gateway;
    }

    /// <summary>Registers a new user with a unique name and <see cref="Password"/>.</summary>
    public async Task<TestUser> RegisterUserAsync(string prefix = "user")
    {
        var username = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 32)];
        using var response = await Http.PostAsJsonAsync("/users/register",
            new { username, email = $"{username}@example.test", password = Password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Json);
        var user = body.GetProperty("user");
        return new TestUser(body.GetProperty("token").GetString()!, user.GetProperty("id").GetString()!, user.GetProperty("username").GetString()!);
    }

    /// <summary>An HTTP client for the gateway that sends <paramref name="user"/>'s token.</summary>
    public HttpClient CreateClient(TestUser? user = null)
    {
        var client = new HttpClient { BaseAddress = HttpBaseAddress };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", user.Token);
        }
        return client;
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        foreach (var gateway in _gateways)
        {
            await gateway.DisposeAsync();
        }
        if (_silo is not null)
        {
            await GatewayHost.StopQuietlyAsync(_silo);
        }
        if (_database is not null)
        {
            await TestInfrastructure.DropDatabaseAsync(_database);
        }
    }

    private Dictionary<string, string?> SiloSettings() => new()
    {
        ["ConnectionStrings:MySql"] = _database,
        ["ConnectionStrings:Redis"] = TestInfrastructure.RedisConnectionString,
        ["Orleans:ClusterId"] = _clusterId,
        ["Orleans:SiloPort"] = Port(TestInfrastructure.FreePort()),
        ["Orleans:GatewayPort"] = Port(TestInfrastructure.FreePort()),
        ["Kestrel:Endpoints:Http:Url"] = $"http://127.0.0.1:{TestInfrastructure.FreePort()}",
        ["Logging:LogLevel:Default"] = TestLogFile.Path is null ? "Warning" : TestLogFile.Level,
        // Uploads never posted are deleted after this age (24 h by default): short, so a test sees the cleanup happen.
        ["Chat:Attachments:UnpostedMaxAge"] = AttachmentCleanupAge.ToString("c", CultureInfo.InvariantCulture),
        ["Chat:Attachments:SweepInterval"] = "00:00:01",
    };

    private Dictionary<string, string?> GatewaySettings(Uri http, Uri grpc) => new()
    {
        ["ConnectionStrings:Redis"] = TestInfrastructure.RedisConnectionString,
        ["Orleans:ClusterId"] = _clusterId,
        ["Kestrel:Endpoints:Http:Url"] = http.ToString(),
        ["Kestrel:Endpoints:Grpc:Url"] = grpc.ToString(),
        ["Jwt:SigningKey"] = SigningKey,
        // Hashing stays real but cheap; the credentials limit must not trip over a suite's registrations.
        ["PasswordHashing:Iterations"] = "1000",
        ["Gateway:CredentialsRateLimit:PermitLimit"] = "100000",
        // Likewise the read and join quotas (the fuzz campaign reads thousands of times as one user); the quota tests
        // start a gateway of their own with tiny ones (TinyQuotas).
        ["Gateway:Quotas:ReadBurst"] = "1000000",
        ["Gateway:Quotas:JoinBurst"] = "1000000",
        // Tests run the gateway's periodic room check themselves (RoomFeeds.VerifyAllAsync, LiveRooms.CheckRoomsAsync),
        // so that it never races with what a test sets up.
        ["Gateway:Fanout:CheckInterval"] = "01:00:00",
        ["Logging:LogLevel:Default"] = TestLogFile.Path is null ? "Warning" : TestLogFile.Level,
    };

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static InvalidOperationException NotStarted() => new("The chat cluster has not started (or failed to).");
}

/// <summary>One gateway of a <see cref="ChatCluster"/>: a real <see cref="GatewayApp"/> on Kestrel.</summary>
public sealed class GatewayHost(WebApplication app, Uri httpBaseAddress, Uri grpcAddress) : IAsyncDisposable
{
    private int _disposed;

    public Uri HttpBaseAddress { get; } = httpBaseAddress;

    public Uri GrpcAddress { get; } = grpcAddress;

    public IServiceProvider Services => app.Services;

    /// <summary>A graceful shutdown, as on a deployment: connections close, the gateway's lease is released.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await StopQuietlyAsync(app);
        }
    }

    internal static async Task StopQuietlyAsync(WebApplication app)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await app.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }
        await app.DisposeAsync();
    }
}

/// <summary>A registered user: its token (valid on every transport), id and name. Its password is <see cref="ChatCluster.Password"/>.</summary>
public sealed record TestUser(string Token, string Id, string Username);
