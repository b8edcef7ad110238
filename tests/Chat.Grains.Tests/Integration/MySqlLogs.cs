using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Chat.Grains.Observability;
using Chat.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Chat.Grains.Tests.Integration;

/// <summary>
/// A MySQL message log as the silo builds it, with its own metrics, and what its silo-wide writer reported: the rooms
/// of each commit and the combined writes it had to split (read from the <c>Chat.Silo</c> meter, as /metrics would).
/// </summary>
internal sealed class MySqlLogs : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<long> _commitRooms = new();
    private int _splits;

    public MySqlLogs(MySqlConnections connections, MessageLogWriteOptions? options = null)
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Scope == factory && instrument.Name is "chat.messagelog.commit.rooms" or "chat.messagelog.write.splits")
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, _, _) =>
        {
            if (instrument.Name == "chat.messagelog.write.splits")
            {
                Interlocked.Add(ref _splits, (int)value);
            }
            else
            {
                _commitRooms.Enqueue(value);
            }
        });
        _listener.Start();
        Log = new MySqlMessageLog(connections, Options.Create(options ?? new MessageLogWriteOptions()),
            new ChatGrainMetrics(factory), NullLogger<MySqlMessageLog>.Instance);
    }

    public MySqlMessageLog Log { get; }

    /// <summary>Rooms per commit, one entry per commit, in no particular order.</summary>
    public long[] CommitRooms => [.. _commitRooms];

    public int Splits => Volatile.Read(ref _splits);

    /// <summary>A log with default options whose metrics nobody reads.</summary>
    public static MySqlMessageLog Create(MySqlConnections connections) =>
        new(connections, Options.Create(new MessageLogWriteOptions()),
            new ChatGrainMetrics(new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>()),
            NullLogger<MySqlMessageLog>.Instance);

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }
}
