using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Chat.Gateway;
using Chat.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
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
    public const string SigningKey = "chat-cluster-test-signing-key-0123456789abcdef";

    /// <summary>Password of every user made by <see cref="RegisterUserAsync"/>.</summary>
    public const string Password = "correct horse battery staple";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly string _clusterId = TestInfrastructure.NewClusterId();
    private readonly int _httpPort = TestInfrastructure.FreePort();
    private readonly int _grpcPort = TestInfrastructure.FreePort();
    private string? _database;
    private WebApplication? _silo;
    private WebApplication? _gateway;
    private HttpClient? _http;

    /// <summary>The gateway's HTTP endpoint: REST, <c>/hubs/chat</c>, <c>/ws</c>, <c>/health</c>.</summary>
    public Uri HttpBaseAddress { get; } = default!;

    /// <summary>The gateway's cleartext HTTP/2 endpoint for gRPC.</summary>
    public Uri GrpcAddress { get; } = default!;

    /// <summary>The gateway's services (its options, its live state), for tests that look inside.</summary>
    public IServiceProvider GatewayServices => (_gateway ?? throw NotStarted()).Services;

    /// <summary>A client for the gateway's HTTP endpoint, without credentials.</summary>
    public HttpClient Http => _http ?? throw NotStarted();

    public ChatCluster()
    {
        HttpBaseAddress = new Uri($"http://127.0.0.1:{_httpPort}");
        GrpcAddress = new Uri($"http://127.0.0.1:{_grpcPort}");
    }

    public async Task InitializeAsync()
    {
        _database = await TestInfrastructure.CreateDatabaseAsync("chat_gw");
        _silo = SiloApp.Build(SiloApp.CreateBuilder([], builder => builder.Configuration.AddInMemoryCollection(SiloSettings())));
        await _silo.StartAsync();

        _gateway = GatewayApp.Configure(GatewayApp.CreateBuilder([], builder => builder.Configuration.AddInMemoryCollection(GatewaySettings())).Build());
        await _gateway.StartAsync();
        _http = new HttpClient { BaseAddress = HttpBaseAddress };
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        if (_gateway is not null)
        {
            await StopQuietlyAsync(_gateway, timeout.Token);
        }
        if (_silo is not null)
        {
            await StopQuietlyAsync(_silo, timeout.Token);
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
        ["Logging:LogLevel:Default"] = "Warning",
    };

    private Dictionary<string, string?> GatewaySettings() => new()
    {
        ["ConnectionStrings:Redis"] = TestInfrastructure.RedisConnectionString,
        ["Orleans:ClusterId"] = _clusterId,
        ["Kestrel:Endpoints:Http:Url"] = HttpBaseAddress.ToString(),
        ["Kestrel:Endpoints:Grpc:Url"] = GrpcAddress.ToString(),
        ["Jwt:SigningKey"] = SigningKey,
        // Hashing stays real but cheap; the credentials limit must not trip over a suite's registrations.
        ["PasswordHashing:Iterations"] = "1000",
        ["Gateway:CredentialsRateLimit:PermitLimit"] = "100000",
        ["Logging:LogLevel:Default"] = "Warning",
    };

    private static string Port(int port) => port.ToString(CultureInfo.InvariantCulture);

    private static async Task StopQuietlyAsync(WebApplication app, CancellationToken cancellationToken)
    {
        try
        {
            await app.StopAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
        }
        await app.DisposeAsync();
    }

    private static InvalidOperationException NotStarted() => new("The chat cluster has not started (or failed to).");
}

/// <summary>A registered user: its token (valid on every transport), id and name. Its password is <see cref="ChatCluster.Password"/>.</summary>
public sealed record TestUser(string Token, string Id, string Username);
