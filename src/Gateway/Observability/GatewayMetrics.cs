using System.Diagnostics.Metrics;

namespace Chat.Gateway.Observability;

/// <summary>
/// The gateway's own instruments (meter <c>Chat.Gateway</c>), exported at /metrics beside ASP.NET Core's,
/// SignalR's and Orleans' meters. Register once (a singleton) and call from the hot paths: every method is
/// allocation-free (string tags only, nothing boxed) and costs next to nothing while nobody listens.
/// Tag values must come from small fixed sets (<see cref="ChatTransport"/>, error catalog codes), never from
/// user input, so the number of series stays bounded.
/// </summary>
public sealed class GatewayMetrics
{
    public const string MeterName = "Chat.Gateway";

    private const string TransportTag = "transport";
    private const string ErrorTag = "code";

    /// <summary>Bucket bounds for durations in seconds (OpenTelemetry's unit): sub-millisecond acks up to multi-second stalls.</summary>
    private static readonly IReadOnlyList<double> DurationBucketsSeconds =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    private readonly UpDownCounter<long> _connections;
    private readonly Counter<long> _messagesReceived;
    private readonly Counter<long> _messagesDelivered;
    private readonly Histogram<double> _ackLatency;
    private readonly Histogram<double> _deliveryLatency;
    private readonly UpDownCounter<long> _roomSubscriptions;
    private readonly Counter<long> _requestErrors;
    private readonly Meter _meter;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        _meter = meterFactory.Create(MeterName);
        var durationAdvice = new InstrumentAdvice<double> { HistogramBucketBoundaries = DurationBucketsSeconds };

        _connections = _meter.CreateUpDownCounter<long>(
            "chat.connections", "{connection}", "Live client connections on this gateway, by transport.");
        _messagesReceived = _meter.CreateCounter<long>(
            "chat.messages.received", "{message}", "Messages clients sent to this gateway, by transport.");
        _messagesDelivered = _meter.CreateCounter<long>(
            "chat.messages.delivered", "{message}", "Messages pushed to local connections, by transport.");
        _ackLatency = _meter.CreateHistogram(
            "chat.message.ack.duration", "s", "From a send arriving to its ack leaving (stored durably).",
            tags: null, durationAdvice);
        _deliveryLatency = _meter.CreateHistogram(
            "chat.message.delivery.duration", "s", "From a message's creation on the silo to this gateway's fan-out.",
            tags: null, durationAdvice);
        _roomSubscriptions = _meter.CreateUpDownCounter<long>(
            "chat.room.subscriptions", "{subscription}", "Room streams this gateway is subscribed to.");
        _requestErrors = _meter.CreateCounter<long>(
            "chat.request.errors", "{error}", "Requests refused with an error, by transport and error code.");
    }

    /// <summary>
    /// Publishes <c>chat.cluster.reachable</c> (1/0), read from <paramref name="isReachable"/> at each collection.
    /// Without a unit: "1" would be exported to Prometheus as <c>chat_cluster_reachable_ratio</c>.
    /// </summary>
    public void ObserveClusterReachability(Func<bool> isReachable) =>
        _meter.CreateObservableGauge(
            "chat.cluster.reachable", () => isReachable() ? 1 : 0, unit: null,
            "1 when this gateway reached the cluster within its lease duration (its renewals are the probe), else 0.");

    public void ConnectionOpened(string transport) => _connections.Add(1, Transport(transport));

    public void ConnectionClosed(string transport) => _connections.Add(-1, Transport(transport));

    public void MessageReceived(string transport) => _messagesReceived.Add(1, Transport(transport));

    /// <summary>Counts one event written to <paramref name="connectionCount"/> local connections.</summary>
    public void MessagesDelivered(string transport, int connectionCount) =>
        _messagesDelivered.Add(connectionCount, Transport(transport));

    /// <summary>Send → ack, measured on this gateway (includes the durable write).</summary>
    public void RecordAckDuration(string transport, TimeSpan duration) =>
        _ackLatency.Record(duration.TotalSeconds, Transport(transport));

    /// <summary>
    /// Send → deliver: recorded once per event per gateway (not per connection), as now minus the message's
    /// <c>createdAt</c>. The two clocks are on different machines, so skew is clamped to zero.
    /// </summary>
    public void RecordDeliveryLatency(double milliseconds) => _deliveryLatency.Record(Math.Max(0, milliseconds) / 1000);

    public void RoomSubscribed() => _roomSubscriptions.Add(1);

    public void RoomUnsubscribed() => _roomSubscriptions.Add(-1);

    /// <summary><paramref name="errorCode"/> is a catalog code (e.g. <c>rate_limited</c>), never free text.</summary>
    public void RequestFailed(string transport, string errorCode) =>
        _requestErrors.Add(1, Transport(transport), new KeyValuePair<string, object?>(ErrorTag, errorCode));

    private static KeyValuePair<string, object?> Transport(string transport) => new(TransportTag, transport);
}
