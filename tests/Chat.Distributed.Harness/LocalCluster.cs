using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Chat.Client;
using Chat.Contracts;

namespace Chat.Distributed.Harness;

/// <summary>
/// Two silos and two gateways as separate processes on private MariaDB and Redis servers (in <c>.run/&lt;name&gt;</c>),
/// with a pool of registered users. Callers break it (kill, terminate, stall, restart the stores);
/// <see cref="EnsureHealthyAsync"/> brings back every process that is gone, on the same ports. Not sealed: the
/// test assembly's xunit fixture is this class with xunit's lifetime interface on top.
/// </summary>
public class LocalCluster(string runName)
{
    public const int UserCount = 16;

    /// <summary>Every pooled user's password (sign-in scenarios log in with it).</summary>
    internal const string Password = "distributed-tests-pw";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan TeardownGrace = TimeSpan.FromSeconds(8);
    private readonly string _runId = RandomNumberGenerator.GetHexString(6, lowercase: true);
    private readonly string _signingKey = $"dist-tests-{RandomNumberGenerator.GetHexString(48)}";
    private readonly List<SiloSlot> _silos = [];
    private readonly List<GatewaySlot> _gateways = [];
    private PrivateInfrastructure _infrastructure = null!;
    private string _database = "";

    internal string ClusterId => $"{runName}-{_runId}";

    /// <summary><c>.run/&lt;name&gt;</c>: the private servers' data and the processes' logs.</summary>
    internal string RunDir { get; } = Path.Combine(RepoPaths.Root, ".run", runName);

    internal PrivateInfrastructure Infrastructure => _infrastructure;

    /// <summary>The participants' client logs: <c>.run/&lt;name&gt;/logs/clients.log</c>.</summary>
    private readonly Lazy<ClientLog> _clientLogs = new(() => new ClientLog(Path.Combine(RepoPaths.Root, ".run", runName, "logs", "clients.log")));

    /// <summary>The connection string of this cluster's database (for faults such as a held table lock).</summary>
    internal string Database => _database;

    internal IReadOnlyList<SiloSlot> Silos => _silos;

    internal IReadOnlyList<GatewaySlot> Gateways => _gateways;

    internal IReadOnlyList<TestUser> Users { get; private set; } = [];

    public async Task InitializeAsync()
    {
        _infrastructure = await PrivateInfrastructure.StartAsync(RunDir);
        _database = await _infrastructure.CreateDatabaseAsync();
        for (var i = 0; i < 2; i++)
        {
            AddSilo();
            AddGateway();
        }

        // The first silo migrates the schema; the others start once it is ready.
        await StartAsync(_silos[0]);
        await Task.WhenAll(StartAsync(_silos[1]), StartAsync(_gateways[0]), StartAsync(_gateways[1]));
        Users = await RegisterUsersAsync();
    }

    public async Task DisposeAsync()
    {
        // Gateways first (they release their leases), then the silos; the last silo may linger handing over its
        // work to silos that are stopping too, so it gets a short grace only.
        await Task.WhenAll(_gateways.Select(slot => slot.Process?.TerminateAsync(TeardownGrace) ?? Task.CompletedTask));
        await Task.WhenAll(_silos.Select(slot => slot.Process?.TerminateAsync(TeardownGrace) ?? Task.CompletedTask));
        try
        {
            await _infrastructure.DropDatabaseAsync(_database);
        }
        finally
        {
            if (_clientLogs.IsValueCreated)
            {
                _clientLogs.Value.Dispose();
            }
            await _infrastructure.DownAsync();
        }
    }

    /// <summary>A slot for one more silo, on ports of its own; not started.</summary>
    internal SiloSlot AddSilo()
    {
        var slot = new SiloSlot(_silos.Count, FreePorts.Next(), FreePorts.Next(), FreePorts.Next());
        _silos.Add(slot);
        return slot;
    }

    /// <summary>A slot for one more gateway, on ports of its own; not started.</summary>
    internal GatewaySlot AddGateway()
    {
        var slot = new GatewaySlot(_gateways.Count, FreePorts.Next(), FreePorts.Next());
        _gateways.Add(slot);
        return slot;
    }

    /// <summary>Starts the slot's process (again) and waits until it is healthy.</summary>
    internal async Task StartAsync(Slot slot)
    {
        if (slot.Process is { HasExited: false })
        {
            return;
        }
        slot.Process = ServerProcess.Start(slot.Name, slot.Dll, Environment(slot), slot.Health, Path.Combine(RunDir, "logs"));
        await slot.Process.WaitHealthyAsync(StartTimeout);
    }

    /// <summary>Brings back every silo and gateway of the 2 × 2 that is not running, then waits until each is healthy.</summary>
    internal async Task EnsureHealthyAsync()
    {
        await StartAsync(_silos[0]);
        await Task.WhenAll(_silos.Skip(1).Take(1).Concat<Slot>(_gateways.Take(2)).Select(StartAsync));
        foreach (var slot in _silos.Take(2).Concat<Slot>(_gateways.Take(2)))
        {
            await slot.Process!.WaitHealthyAsync(StartTimeout);
        }
    }

    /// <summary>What a silo's <c>/health/ready</c> answers now (null: no answer).</summary>
    internal static async Task<HttpStatusCode?> ReadyStatusAsync(SiloSlot silo)
    {
        try
        {
            using var response = await ServerProcess.Probe.GetAsync(silo.Health);
            return response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Polls until both silos of the 2 × 2 say ready; false if one did not within <paramref name="limit"/>.</summary>
    internal async Task<bool> WaitSilosReadyAsync(TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        foreach (var silo in _silos.Take(2))
        {
            while (await ReadyStatusAsync(silo) != HttpStatusCode.OK)
            {
                if (DateTime.UtcNow > deadline)
                {
                    return false;
                }
                await Task.Delay(50);
            }
        }
        return true;
    }

    /// <summary>Logs in as <paramref name="user"/> on a new client whose gateway list starts with <paramref name="first"/>.</summary>
    internal async Task<Participant> ConnectAsync(TestUser user, GatewaySlot first, bool onlyThatGateway = false,
        HubProtocol protocol = HubProtocol.MessagePack, TimeSpan? retryTimeout = null)
    {
        IReadOnlyList<Uri> endpoints = onlyThatGateway
            ? [first.Url]
            : [first.Url, .. _gateways.Take(2).Where(g => g != first).Select(g => g.Url)];
        return await Participant.ConnectAsync(user, endpoints, protocol, retryTimeout ?? TimeSpan.FromSeconds(30), _clientLogs.Value);
    }

    /// <summary>A public room of its own for one scenario.</summary>
    internal async Task<string> CreateRoomAsync(string scenario)
    {
        var roomId = $"{scenario}-{RandomNumberGenerator.GetHexString(8, lowercase: true)}";
        using var http = AuthorizedHttp(Users[0], _gateways[0]);
        using var response = await http.PostAsJsonAsync("chat/rooms", new { id = roomId, name = roomId, isPublic = true });
        response.EnsureSuccessStatusCode();
        return roomId;
    }

    /// <summary>
    /// The silo a room was created on (it stays there until that silo goes away), read from the silos' logs, where the
    /// room grain says "Room X created". Lets a scenario kill the silo that really hosts its rooms.
    /// </summary>
    internal async Task<SiloSlot> HostOfAsync(string roomId)
    {
        var line = $"Room {roomId} created";
        for (var waited = 0; waited < 100; waited++)
        {
            if (_silos.FirstOrDefault(s => s.Process is { HasExited: false } p && p.LogContains(line)) is { } host)
            {
                return host;
            }
            await Task.Delay(100); // console logging is asynchronous: the line lands within moments
        }
        throw new InvalidOperationException($"No silo log says '{line}'.");
    }

    /// <summary>A plain HTTP client on one gateway with a user's token (for REST checks independent of the client library).</summary>
    internal static HttpClient AuthorizedHttp(TestUser user, GatewaySlot gateway, TimeSpan? timeout = null)
    {
        var http = new HttpClient { BaseAddress = gateway.Url, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new("Bearer", user.Token);
        return http;
    }

    /// <summary>The last lines of every process's log, for a failed scenario.</summary>
    internal string DescribeProcesses(int lines) =>
        string.Join("\n", _silos.Concat<Slot>(_gateways).Where(slot => slot.Process is not null).Select(slot =>
            $"----- {slot.Name} (pid {slot.Process!.Pid}, {(slot.Process.HasExited ? "exited" : "running")}), log {slot.Process.LogPath}\n{slot.Process.Tail(lines)}"));

    private Dictionary<string, string> Environment(Slot slot) => slot switch
    {
        SiloSlot silo => new()
        {
            ["ConnectionStrings__MySql"] = _database,
            ["ConnectionStrings__Redis"] = _infrastructure.Redis,
            ["Orleans__ClusterId"] = ClusterId,
            ["Orleans__SiloPort"] = silo.SiloPort.ToString(),
            ["Orleans__GatewayPort"] = silo.GatewayPort.ToString(),
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{silo.HttpPort}",
        },
        GatewaySlot gateway => new()
        {
            ["ConnectionStrings__Redis"] = _infrastructure.Redis,
            ["Orleans__ClusterId"] = ClusterId,
            ["Kestrel__Endpoints__Http__Url"] = gateway.Url.ToString().TrimEnd('/'),
            ["Kestrel__Endpoints__Grpc__Url"] = $"http://127.0.0.1:{gateway.GrpcPort}",
            ["Jwt__SigningKey"] = _signingKey,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(slot)),
    };

    /// <summary>Registers the user pool once, spread over both gateways (their sign-up rate limit is per gateway).</summary>
    private async Task<IReadOnlyList<TestUser>> RegisterUsersAsync()
    {
        var users = await Task.WhenAll(Enumerable.Range(0, UserCount).Select(async i =>
        {
            using var http = new HttpClient { BaseAddress = _gateways[i % 2].Url, Timeout = TimeSpan.FromSeconds(30) };
            var username = $"{runName[0]}{_runId}_{i:00}";
            using var response = await http.PostAsJsonAsync("users/register",
                new { username, email = $"{username}@example.test", password = Password });
            response.EnsureSuccessStatusCode();
            var auth = (await response.Content.ReadFromJsonAsync<AuthResponse>())!;
            return new TestUser(auth.User.Id, username, auth.Token);
        }));
        return users;
    }
}

/// <summary>A registered user: a token that works on every gateway.</summary>
internal sealed record TestUser(string Id, string Username, string Token);

/// <summary>A place for one server process: its ports stay the same across restarts.</summary>
internal abstract class Slot
{
    public ServerProcess? Process { get; set; }

    public abstract string Name { get; }

    public abstract string Dll { get; }

    public abstract Uri Health { get; }
}

internal sealed class SiloSlot(int index, int siloPort, int gatewayPort, int httpPort) : Slot
{
    public int SiloPort { get; } = siloPort;

    public int GatewayPort { get; } = gatewayPort;

    public int HttpPort { get; } = httpPort;

    public override string Name => $"silo{index}";

    public override string Dll => RepoPaths.SiloDll;

    public override Uri Health => new($"http://127.0.0.1:{HttpPort}/health/ready");
}

internal sealed class GatewaySlot(int index, int httpPort, int grpcPort) : Slot
{
    public int GrpcPort { get; } = grpcPort;

    public Uri Url { get; } = new($"http://127.0.0.1:{httpPort}/");

    public override string Name => $"gateway{index}";

    public override string Dll => RepoPaths.GatewayDll;

    public override Uri Health => new(Url, "health");
}
