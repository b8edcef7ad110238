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

    /// <summary>Every running process whose command line names <c>Silo.dll</c> or <c>Gateway.dll</c>, and MariaDB/MySQL.</summary>
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
