using System.Diagnostics.Metrics;

namespace Chat.Gateway.Grpc;

/// <summary>The gRPC Subscribe feed's instruments (meter <see cref="MeterName"/>).</summary>
public sealed class SubscribeMetrics
{
    public const string MeterName = "Chat.Gateway.Grpc";

    private readonly UpDownCounter<long> activeStreams;
    private readonly Counter<long> eventsWritten;
    private readonly Counter<long> slowConsumersEnded;

    public SubscribeMetrics(IMeterFactory meterFactory)
    {
        var meter = meterFactory.Create(MeterName);
        activeStreams = meter.CreateUpDownCounter<long>(
            "chat.grpc.subscribe.active_streams", unit: "{stream}", description: "Subscribe streams open on this gateway.");
        eventsWritten = meter.CreateCounter<long>(
            "chat.grpc.subscribe.events", unit: "{event}", description: "Events written to Subscribe streams (replayed and live).");
        slowConsumersEnded = meter.CreateCounter<long>(
            "chat.grpc.subscribe.slow_consumers", unit: "{stream}", description: "Subscribe streams ended because their consumer fell behind.");
    }

    public void StreamOpened() => activeStreams.Add(1);

    public void StreamClosed(long eventsWritten, bool fellBehind)
    {
        activeStreams.Add(-1);
        this.eventsWritten.Add(eventsWritten);
        if (fellBehind)
        {
            slowConsumersEnded.Add(1);
        }
    }
}
