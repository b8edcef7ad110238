namespace Chat.Bench.Scenarios;

/// <summary>
/// CPU used by the server processes (silo, gateway, database, Redis, baseline; see <see cref="ServerProcess.Select"/>)
/// and by the bench itself over a measured window, and their resident memory.
/// </summary>
public sealed class ServerMeter(BenchOptions options)
{
    private readonly IReadOnlyList<ServerProcess> _servers = ServerProcess.Select(options.ServerPids);
    private Dictionary<int, double?> _start = [];
    private double _ownStart;

    public IReadOnlyList<ServerProcess> Servers => _servers;

    public void Start()
    {
        _start = _servers.ToDictionary(s => s.Pid, s => s.CpuMicroseconds());
        _ownStart = ServerProcess.OwnCpuMicroseconds();
    }

    /// <summary>
    /// CPU-µs used per process kind since <see cref="Start"/>, plus <c>servers</c> (every server process counted) and
    /// <c>bench</c> (this process).
    /// </summary>
    public Dictionary<string, double> Stop()
    {
        var used = ServerProcess.Kinds.ToDictionary(kind => kind, _ => 0.0);
        foreach (var server in _servers)
        {
            if (_start[server.Pid] is { } start && server.CpuMicroseconds() is { } now)
            {
                used[server.Name] += now - start;
            }
        }
        used["servers"] = used.Values.Sum();
        used["bench"] = ServerProcess.OwnCpuMicroseconds() - _ownStart;
        return used;
    }

    /// <summary>CPU as percent of one core for each kind that has a process, over <paramref name="seconds"/>.</summary>
    public Dictionary<string, double> Percent(Dictionary<string, double> used, double seconds) =>
        used.Where(u => u.Key is "servers" or "bench" || _servers.Any(s => s.Name == u.Key))
            .ToDictionary(u => u.Key, u => u.Value / (seconds * 10_000));

    /// <summary>Resident memory in MiB of each kind that has a process, and <c>servers</c>, their sum.</summary>
    public Dictionary<string, double> RssMebibytes()
    {
        var rss = _servers.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.Sum(s => s.RssBytes()) / 1048576.0);
        rss["servers"] = rss.Values.Sum();
        return rss;
    }

    /// <summary>The process holding the client connections: the gateway, or the baseline server.</summary>
    public long FrontRssBytes() => _servers.Where(s => s.Name is "gateway" or "baseline").Sum(s => s.RssBytes());

    public long SiloRssBytes() => _servers.Where(s => s.Name == "silo").Sum(s => s.RssBytes());
}
