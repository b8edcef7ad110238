using System.Net.WebSockets;
using Chat.Gateway.Fanout;
using Chat.Gateway.WebSockets;
using Chat.Rooms;
using Microsoft.Extensions.Logging;

namespace Chat.Gateway.Tests.Fanout;

/// <summary>Issue #19, point 6: room events that race a server-initiated close neither lose the close frame nor warn.</summary>
public sealed class WebSocketCloseRaceTests
{
    [Fact]
    public void Room_events_after_a_server_close_keep_its_close_frame_and_log_no_false_too_slow_warning()
    {
        var log = new RecordingLogger<WebSocketTransport>();
        var transport = new WebSocketTransport(FanoutHarness.NewMetrics(), log);
        var connection = new WebSocketConnection("w1", "u1", "u1", transport, queueCapacity: 8);

        connection.Close(WebSocketCloseStatus.EndpointUnavailable, "server shutting down");
        for (var i = 0; i < 3; i++)
        {
            transport.Deliver(FanoutHarness.LobbyMessage(i), [connection], []);
        }

        Assert.False(connection.Aborted.IsCancellationRequested);
        Assert.Equal((WebSocketCloseStatus.EndpointUnavailable, "server shutting down"), connection.CloseFrame);
        Assert.Empty(log.Warnings);
    }

    [Fact]
    public void A_live_client_whose_queue_is_full_is_still_dropped_with_one_warning()
    {
        var log = new RecordingLogger<WebSocketTransport>();
        var transport = new WebSocketTransport(FanoutHarness.NewMetrics(), log);
        var connection = new WebSocketConnection("w1", "u1", "u1", transport, queueCapacity: 8);
        LiveConnection[] members = [connection];

        for (var i = 0; i < 12; i++)
        {
            transport.Deliver(FanoutHarness.LobbyMessage(i), members, []);
        }

        Assert.True(connection.Aborted.IsCancellationRequested);
        Assert.Single(log.Warnings);
    }

    private sealed class RecordingLogger<T> : ILogger<T>
    {
        private readonly List<string> _warnings = [];

        public IReadOnlyList<string> Warnings
        {
            get
            {
                lock (_warnings)
                {
                    return [.. _warnings];
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Warning)
            {
                lock (_warnings)
                {
                    _warnings.Add(formatter(state, exception));
                }
            }
        }
    }
}
