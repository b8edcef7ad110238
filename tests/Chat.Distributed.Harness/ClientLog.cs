using Microsoft.Extensions.Logging;

namespace Chat.Distributed.Harness;

/// <summary>
/// The participants' clients log here (warnings and above, one file per run): a failed scenario's gap fills, refused
/// calls and reconnects sit beside the servers' logs instead of being lost with the process.
/// </summary>
internal sealed class ClientLog : ILoggerFactory
{
    private readonly StreamWriter _writer;

    public ClientLog(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        _writer = new StreamWriter(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite)) { AutoFlush = true };
    }

    public ILogger CreateLogger(string categoryName) => new Writer(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("The client log writes to its file only.");

    public void Dispose() => _writer.Dispose();

    private void Write(string category, LogLevel level, string text, Exception? exception)
    {
        var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {level} {category}: {text}{(exception is null ? "" : $" | {exception.GetType().Name}: {exception.Message}")}";
        lock (_writer)
        {
            _writer.WriteLine(line);
        }
    }

    private sealed class Writer(ClientLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                log.Write(category, logLevel, formatter(state, exception), exception);
            }
        }
    }
}
