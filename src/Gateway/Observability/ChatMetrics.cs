using System.Diagnostics.Metrics;

namespace Chat.Gateway.Observability;

/// <summary>
/// The gateway's own instruments (meter <c>Chat.Gateway</c>), exported at /metrics beside ASP.NET Core's,
/// SignalR's and Orleans' meters. Register once (a singleton) and call from the hot paths: every method is
/// allocation-free (string tags only, nothing boxed) and costs next to nothing while nobody listens.
/// Tag values must come from small fixed sets (<see cref="ChatTransport"/>, error catalog codes), never from
/// user input, so the number of series stays bounded.
/// </summary>
public sealed class ChatMetrics
{
    public const string MeterName = "Chat.Gateway";

    private const string TransportTag = "transport";
    private const string ErrorTag = "error.type";

    /// <summary>Bucket bounds for latencies in milliseconds: sub-millisecond acks up to multi-second stalls.</summary>
    private static readonly IReadOnlyList<double> LatencyBucketsMs =
        [0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000];

    private readonly UpDownCounter<long> connections;
    private readonly Counter<long> messagesReceived;
    private readonly Counter<long> messagesDelivered;
    private readonly Histogram<double> ackLatency;
    private readonly Histogram<double> deliveryLatency;
    private readonly UpDownCounter<long> roomSubscriptions;
    private readonly Counter<long> requestErrors;

    public ChatMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        var latencyAdvice = new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBucketsMs };

        connections = meter.CreateUpDownCounter<long>(
            "chat.connections", "{connection}", "Live client connections on this gateway, by transport.");
        messagesReceived = meter.CreateCounter<long>(
            "chat.messages.received", "{message}", "Messages clients sent to this gateway, by transport.");
        messagesDelivered = meter.CreateCounter<long>(
            "chat.messages.delivered", "{message}", "Messages pushed to local connections, by transport.");
        ackLatency = meter.CreateHistogram(
            "chat.message.ack.latency", "ms", "From a send arriving to its ack leaving (stored durably).",
            tags: null, latencyAdvice);
        deliveryLatency = meter.CreateHistogram(
            "chat.message.delivery.latency", "ms", "From a message's creation on the silo to this gateway's fan-out.",
            tags: null, latencyAdvice);
        roomSubscriptions = meter.CreateUpDownCounter<long>(
            "chat.room.subscriptions", "{subscription}", "Room streams this gateway is subscribed to.");
        requestErrors = meter.CreateCounter<long>(
            "chat.request.errors", "{error}", "Requests refused with an error, by transport and error code.");
    }

    public void ConnectionOpened(string transport) => connections.Add(1, Transport(transport));

    public void ConnectionClosed(string transport) => connections.Add(-1, Transport(transport));

    public void MessageReceived(string transport) => messagesReceived.Add(1, Transport(transport));

    /// <summary>Counts one event written to <paramref name="connectionCount"/> local connections.</summary>
    public void MessagesDelivered(string transport, int connectionCount) =>
        messagesDelivered.Add(connectionCount, Transport(transport));

    /// <summary>Send → ack, measured on this gateway (includes the durable write).</summary>
    public void RecordAckLatency(string transport, double milliseconds) =>
        ackLatency.Record(milliseconds, Transport(transport));

    /// <summary>
    /// Send → deliver: recorded once per event per gateway (not per connection), as now minus the message's
    /// <c>createdAt</c>. The two clocks are on different machines, so skew is clamped to zero.
    /// </summary>
    public void RecordDeliveryLatency(double milliseconds) => deliveryLatency.Record(Math.Max(0, milliseconds));

    public void RoomSubscribed() => roomSubscriptions.Add(1);

    public void RoomUnsubscribed() => roomSubscriptions.Add(-1);

    /// <summary><paramref name="errorCode"/> is a catalog code (e.g. <c>rate_limited</c>), never free text.</summary>
    public void RequestFailed(string transport, string errorCode) =>
        requestErrors.Add(1, Transport(transport), new KeyValuePair<string, object?>(ErrorTag, errorCode));

    private static KeyValuePair<string, object?> Transport(string transport) => new(TransportTag, transport);
}
