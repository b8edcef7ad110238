namespace Chat.Bench.Scenarios;

/// <summary>CPU used by the silo, gateway and database processes (and by the bench itself) over a measured window.</summary>
public sealed class ServerMeter
{
    private readonly IReadOnlyList<ServerProcess> _servers = ServerProcess.FindAll();
    private Dictionary<int, double?> _start = [];
    private double _ownStart;

    public IReadOnlyList<ServerProcess> Servers => _servers;

    public void Start()
    {
        _start = _servers.ToDictionary(s => s.Pid, s => s.CpuMicroseconds());
        _ownStart = ServerProcess.OwnCpuMicroseconds();
    }

    /// <summary>CPU-µs used per process kind since <see cref="Start"/>, plus the bench's own.</summary>
    public Dictionary<string, double> Stop()
    {
        var used = new Dictionary<string, double> { ["silo"] = 0, ["gateway"] = 0, ["database"] = 0 };
        foreach (var server in _servers)
        {
            if (_start[server.Pid] is { } start && server.CpuMicroseconds() is { } now)
            {
                used[server.Name] += now - start;
            }
        }
        used["bench"] = ServerProcess.OwnCpuMicroseconds() - _ownStart;
        return used;
    }

    public long GatewayRssBytes() => _servers.Where(s => s.Name == "gateway").Sum(s => s.RssBytes());

    public long SiloRssBytes() => _servers.Where(s => s.Name == "silo").Sum(s => s.RssBytes());
}
