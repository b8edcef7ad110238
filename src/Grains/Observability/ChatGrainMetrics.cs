using System.Diagnostics.Metrics;

namespace Chat.Grains.Observability;

/// <summary>
/// The grains' own instruments (meter <c>Chat.Silo</c>), exported at /metrics beside Orleans' meters (grain
/// activations, messaging, storage, streams). Register once (a singleton) and call from grains and the message
/// log: every method is allocation-free and costs next to nothing while nobody listens.
/// </summary>
public sealed class ChatGrainMetrics
{
    public const string MeterName = "Chat.Silo";

    /// <summary>Bucket bounds for the message log's write duration in seconds (one commit of one batch).</summary>
    private static readonly IReadOnlyList<double> WriteDurationBucketsSeconds =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

    /// <summary>Bucket bounds for rows per INSERT: group commit makes batches grow with load.</summary>
    private static readonly IReadOnlyList<long> BatchSizeBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

    private readonly Counter<long> _messagesStored;
    private readonly Histogram<long> _batchSize;
    private readonly Histogram<double> _writeLatency;
    private readonly Counter<long> _writeFailures;
    private readonly UpDownCounter<long> _activeRooms;
    private readonly Counter<long> _gatewayLeasesLapsed;

    public ChatGrainMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);

        _messagesStored = meter.CreateCounter<long>(
            "chat.messages.stored", "{message}", "Messages committed to the message log.");
        _batchSize = meter.CreateHistogram(
            "chat.messagelog.batch.size", "{message}", "Rows written per message-log commit (group commit).",
            tags: null, new InstrumentAdvice<long> { HistogramBucketBoundaries = BatchSizeBuckets });
        _writeLatency = meter.CreateHistogram(
            "chat.messagelog.write.duration", "s", "Duration of one message-log commit (INSERT of one batch).",
            tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = WriteDurationBucketsSeconds });
        _writeFailures = meter.CreateCounter<long>(
            "chat.messagelog.write.failures", "{commit}", "Message-log commits that failed (the sends were refused).");
        _activeRooms = meter.CreateUpDownCounter<long>(
            "chat.rooms.active", "{room}", "Room grains active on this silo.");
        _gatewayLeasesLapsed = meter.CreateCounter<long>(
            "chat.gateway.leases.lapsed", "{lease}", "Gateway leases that expired: a gateway died and its users were removed.");
    }

    /// <summary>One successful commit of <paramref name="rows"/> messages that took <paramref name="milliseconds"/>.</summary>
    public void RecordMessageLogWrite(int rows, double milliseconds)
    {
        _messagesStored.Add(rows);
        _batchSize.Record(rows);
        _writeLatency.Record(milliseconds / 1000);
    }

    public void MessageLogWriteFailed() => _writeFailures.Add(1);

    public void RoomActivated() => _activeRooms.Add(1);

    public void RoomDeactivated() => _activeRooms.Add(-1);

    public void GatewayLeaseLapsed() => _gatewayLeasesLapsed.Add(1);
}
