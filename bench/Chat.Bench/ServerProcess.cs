namespace Chat.Bench;

/// <summary>
/// A server process on this machine (a silo, a gateway or the database), found by its command line, measured from
/// /proc: CPU time (user + system) and resident memory. Lets the bench report server CPU-µs per delivery. A process
/// that has exited reads as null (CPU) or 0 (memory): a stale server from an earlier run does not end the bench.
/// </summary>
public sealed class ServerProcess(int pid, string name)
{
    private static readonly double TicksPerSecond = 100; // USER_HZ on Linux

    public int Pid { get; } = pid;
    public string Name { get; } = name;

    /// <summary>The kinds of server process the bench measures; every kind but the bench itself is server CPU.</summary>
    public static readonly string[] Kinds = ["silo", "gateway", "database", "redis", "baseline"];

    /// <summary>
    /// The processes named by <c>--server-pids kind:pid,...</c> (what bench/compare.sh passes: exactly the processes it
    /// started, so other work on a shared machine is not counted), else every local server found by <see cref="FindAll"/>.
    /// </summary>
    public static IReadOnlyList<ServerProcess> Select(string? serverPids)
    {
        if (string.IsNullOrWhiteSpace(serverPids))
        {
            return FindAll();
        }
        return serverPids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Split(':'))
            .Select(parts => parts.Length == 2 && Kinds.Contains(parts[0]) && int.TryParse(parts[1], out var pid)
                ? new ServerProcess(pid, parts[0])
                : throw new ArgumentException($"--server-pids takes kind:pid,... with kind one of {string.Join(", ", Kinds)}"))
            .ToList();
    }

    /// <summary>
    /// Every running process whose command line names <c>Silo.dll</c>, <c>Gateway.dll</c> or <c>Chat.Baseline.dll</c>,
    /// and MariaDB/MySQL (Redis only through <c>--server-pids</c>: a shared one serves others too).
    /// </summary>
    public static IReadOnlyList<ServerProcess> FindAll()
    {
        var found = new List<ServerProcess>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }
            string commandLine;
            try
            { commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' '); }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            if (commandLine.Contains("Silo.dll"))
            {
                found.Add(new ServerProcess(pid, "silo"));
            }
            else if (commandLine.Contains("Gateway.dll"))
            {
                found.Add(new ServerProcess(pid, "gateway"));
            }
            else if (commandLine.Contains("Chat.Baseline.dll"))
            {
                found.Add(new ServerProcess(pid, "baseline"));
            }
            else if (commandLine.StartsWith("/usr/sbin/mariadbd") || commandLine.StartsWith("/usr/sbin/mysqld"))
            {
                found.Add(new ServerProcess(pid, "database"));
            }
        }
        return found;
    }

    /// <summary>CPU time consumed so far, in microseconds.</summary>
    public double? CpuMicroseconds()
    {
        string stat;
        try
        { stat = File.ReadAllText($"/proc/{Pid}/stat"); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // fields[11] = utime, fields[12] = stime (0-based after the command name)
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / TicksPerSecond * 1_000_000;
    }

    /// <summary>Resident set size in bytes.</summary>
    public long RssBytes()
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
            {
                if (line.StartsWith("VmRSS:"))
                {
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return 0;
    }

    public static double OwnCpuMicroseconds()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalMicroseconds;
    }
}
