using System.Diagnostics;

namespace Chat.Distributed.Harness;

/// <summary>
/// A silo or gateway run as its own <c>dotnet &lt;dll&gt;</c> process in the production profile, configured only
/// through the environment keys of README.md, its output captured to a log file.
/// </summary>
internal sealed class ServerProcess
{
    /// <summary>Inherited settings that would change what the process is; the harness sets what it needs itself.</summary>
    private static readonly string[] ScrubbedPrefixes =
        ["ConnectionStrings__", "Orleans__", "Kestrel__", "Jwt__", "Chat__", "Gateway__", "ASPNETCORE_", "DOTNET_ENVIRONMENT", "CHAT_"];

    /// <summary>The health probe: short time-out, shared.</summary>
    internal static readonly HttpClient Probe = new() { Timeout = TimeSpan.FromSeconds(2) };
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Uri _health;

    private ServerProcess(string name, Process process, StreamWriter log, string logPath, Uri health)
    {
        Name = name;
        _process = process;
        _log = log;
        LogPath = logPath;
        _health = health;
    }

    public string Name { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ServerProcess Start(string name, string dll, IReadOnlyDictionary<string, string> environment, Uri health, string logDir)
    {
        Directory.CreateDirectory(logDir);
        var logPath = Path.Combine(logDir, $"{name}.log");
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        log.WriteLine($"===== {DateTime.UtcNow:HH:mm:ss.fff} starting {name}: dotnet {Path.GetFileName(dll)}");

        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.ArgumentList.Add(dll);
        foreach (var key in start.Environment.Keys.Where(key => ScrubbedPrefixes.Any(key.StartsWith)).ToList())
        {
            start.Environment.Remove(key);
        }
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServerProcess(name, process, log, logPath, health);
    }

    /// <summary>Waits until the health endpoint answers 200; fails at once (with the log) if the process exits.</summary>
    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with {_process.ExitCode} before it was healthy:\n{Tail(60)}");
            }
            try
            {
                using var response = await Probe.GetAsync(_health);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but slow to answer.
            }
            await Task.Delay(150);
        }
        throw new TimeoutException($"{Name} was not healthy at {_health} within {timeout.TotalSeconds:0} s:\n{Tail(60)}");
    }

    /// <summary>SIGKILL: the process vanishes without any goodbye (a crash, a lost machine).</summary>
    public void Kill()
    {
        Mark("SIGKILL");
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>SIGTERM (<c>kill -TERM</c>): a graceful shutdown, as in a rolling deploy; SIGKILL if it takes longer than <paramref name="grace"/>.</summary>
    public async Task TerminateAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }
        await SignalAsync("TERM");
        try
        {
            await _process.WaitForExitAsync().WaitAsync(grace);
        }
        catch (TimeoutException)
        {
            Mark($"still running {grace.TotalSeconds:0} s after SIGTERM: SIGKILL");
            _process.Kill();
            await _process.WaitForExitAsync();
        }
    }

    /// <summary>Sends a signal by name (<c>kill -NAME pid</c>): TERM, or STOP and CONT to freeze and thaw the process (a network stall).</summary>
    public async Task SignalAsync(string signal)
    {
        Mark($"SIG{signal}");
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString()]);
        await kill.WaitForExitAsync();
    }

    /// <summary>True once the log holds <paramref name="text"/>.</summary>
    public bool LogContains(string text)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd().Contains(text, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>The last lines of the log.</summary>
    public string Tail(int lines)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException exception)
        {
            return $"(log {LogPath} unreadable: {exception.Message})";
        }
    }

    private void Mark(string what) => Write(_log, $"===== harness: {what}");

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            log.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");
        }
    }
}
