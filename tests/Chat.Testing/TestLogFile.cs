using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Chat.Testing;

/// <summary>
/// With <c>CHAT_TEST_LOG_FILE</c> set, the hosts of a <see cref="ChatCluster"/> also write their logs (at
/// <c>CHAT_TEST_LOG_LEVEL</c>, default Information) to that file: the way to see inside a failing integration test.
/// </summary>
internal static class TestLogFile
{
    public static string? Path => Environment.GetEnvironmentVariable("CHAT_TEST_LOG_FILE") is { Length: > 0 } path ? path : null;

    public static string Level => Environment.GetEnvironmentVariable("CHAT_TEST_LOG_LEVEL") ?? "Information";

    public static void AddTo(ILoggingBuilder logging, string host)
    {
        if (Path is { } path)
        {
            logging.Services.AddSingleton<ILoggerProvider>(new Provider(path, host));
        }
    }

    private sealed class Provider(string path, string host) : ILoggerProvider
    {
        private static readonly Lock Gate = new();

        public ILogger CreateLogger(string categoryName) => new FileLogger(path, $"{host} {categoryName}");

        public void Dispose()
        {
        }

        private sealed class FileLogger(string path, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var line = $"{DateTime.UtcNow:HH:mm:ss.fff} {logLevel,-11} {category}: {formatter(state, exception)}{(exception is null ? "" : " " + exception)}{Environment.NewLine}";
                lock (Gate)
                {
                    File.AppendAllText(path, line);
                }
            }
        }
    }
}
