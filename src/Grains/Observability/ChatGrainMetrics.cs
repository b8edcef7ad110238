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

    /// <summary>Bucket bounds for rows per commit: batches of many rooms share one.</summary>
    private static readonly IReadOnlyList<long> CommitRowsBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];

    private readonly Counter<long> _messagesStored;
    private readonly Histogram<long> _batchSize;
    private readonly Histogram<double> _writeLatency;
    private readonly Counter<long> _writeFailures;
    private readonly Histogram<long> _commitRows;
    private readonly Histogram<long> _commitRooms;
    private readonly Counter<long> _writeSplits;
    private readonly UpDownCounter<long> _activeRooms;
    private readonly Counter<long> _gatewayLeasesLapsed;

    public ChatGrainMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);

        _messagesStored = meter.CreateCounter<long>(
            "chat.messages.stored", "{message}", "Messages committed to the message log.");
        _batchSize = meter.CreateHistogram(
            "chat.messagelog.batch.size", "{message}", "Rows per room batch (a room's group commit; several rooms' batches may share one commit).",
            tags: null, new InstrumentAdvice<long> { HistogramBucketBoundaries = BatchSizeBuckets });
        _writeLatency = meter.CreateHistogram(
            "chat.messagelog.write.duration", "s", "Time from a room batch's hand-off to the log until its commit (waiting included).",
            tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = WriteDurationBucketsSeconds });
        _writeFailures = meter.CreateCounter<long>(
            "chat.messagelog.write.failures", "{commit}", "Message-log commits that failed (the sends were refused).");
        _commitRows = meter.CreateHistogram(
            "chat.messagelog.commit.rows", "{message}", "Rows per message-log commit (one INSERT of one or more rooms' batches).",
            tags: null, new InstrumentAdvice<long> { HistogramBucketBoundaries = CommitRowsBuckets });
        _commitRooms = meter.CreateHistogram(
            "chat.messagelog.commit.rooms", "{room}", "Rooms whose batches shared one message-log commit.",
            tags: null, new InstrumentAdvice<long> { HistogramBucketBoundaries = BatchSizeBuckets });
        _writeSplits = meter.CreateCounter<long>(
            "chat.messagelog.write.splits", "{write}", "Combined writes that failed (duplicate key, lost connection) and were written room by room.");
        _activeRooms = meter.CreateUpDownCounter<long>(
            "chat.rooms.active", "{room}", "Room grains active on this silo.");
        _gatewayLeasesLapsed = meter.CreateCounter<long>(
            "chat.gateway.leases.lapsed", "{lease}", "Gateway leases that expired: a gateway died and its users were removed.");
    }

    /// <summary>A room batch of <paramref name="rows"/> messages committed <paramref name="milliseconds"/> after it was handed to the log.</summary>
    public void RecordMessageLogWrite(int rows, double milliseconds)
    {
        _messagesStored.Add(rows);
        _batchSize.Record(rows);
        _writeLatency.Record(milliseconds / 1000);
    }

    public void MessageLogWriteFailed() => _writeFailures.Add(1);

    /// <summary>One commit of the silo-wide writer: <paramref name="rows"/> messages of <paramref name="rooms"/> rooms.</summary>
    public void RecordMessageLogCommit(int rooms, int rows)
    {
        _commitRooms.Record(rooms);
        _commitRows.Record(rows);
    }

    /// <summary>A combined write was given up (nothing of it stored) and its rooms written one by one.</summary>
    public void MessageLogWriteSplit() => _writeSplits.Add(1);

    public void RoomActivated() => _activeRooms.Add(1);

    public void RoomDeactivated() => _activeRooms.Add(-1);

    public void GatewayLeaseLapsed() => _gatewayLeasesLapsed.Add(1);
}
