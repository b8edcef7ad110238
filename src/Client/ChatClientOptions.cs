using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Chat.Client;

/// <summary>The wire protocol of the SignalR connection; the gateway speaks both.</summary>
public enum HubProtocol
{
    Json,
    MessagePack,
}

/// <summary>How a <see cref="ChatClient"/> connects and recovers.</summary>
public sealed class ChatClientOptions
{
    /// <summary>
    /// The gateways' base addresses (<c>http://127.0.0.1:3001</c>). A lost connection is re-made to the next one in
    /// turn, so a client given every gateway moves to a live one when its own dies.
    /// </summary>
    public IReadOnlyList<Uri> Endpoints { get; set; } = [];

    public HubProtocol Protocol { get; set; } = HubProtocol.Json;

    /// <summary>The pause before the second reconnect attempt (the first is immediate); doubles up to <see cref="MaxReconnectDelay"/>.</summary>
    public TimeSpan InitialReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest pause between reconnect attempts. The client never stops trying until it is disposed.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a call that failed transiently (connection lost, cluster or store unavailable) is retried before the
    /// failure is reported, waiting for a reconnection if need be. Every call is safe to repeat: a send carries its
    /// client message id, joins and leaves are idempotent. Zero: one attempt only.
    /// </summary>
    public TimeSpan RetryTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a gap in seq may stay open before it is fetched from history (a live message may be on its way).</summary>
    public TimeSpan GapFillDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Page size of history fetches (the server clamps it to 200).</summary>
    public int HistoryPageSize { get; set; } = 200;

    /// <summary>
    /// The most out-of-order messages one room holds while it waits for a gap to fill. Beyond it the newest are
    /// dropped: they are fetched from history once the gap closes, so nothing is lost.
    /// </summary>
    public int MaxBufferedPerRoom { get; set; } = 10_000;

    /// <summary>Time-out of one hub invocation or REST call; a call that takes longer counts as a lost connection.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(15);

    public ILoggerFactory LoggerFactory { get; set; } = NullLoggerFactory.Instance;

    internal void Validate()
    {
        if (Endpoints.Count == 0)
        {
            throw new ArgumentException("ChatClientOptions.Endpoints needs at least one gateway address.");
        }
        if (HistoryPageSize is < 1 or > 200)
        {
            throw new ArgumentException("ChatClientOptions.HistoryPageSize must be between 1 and 200.");
        }
        if (MaxBufferedPerRoom < 1 || InitialReconnectDelay <= TimeSpan.Zero || MaxReconnectDelay < InitialReconnectDelay
            || RetryTimeout < TimeSpan.Zero || GapFillDelay < TimeSpan.Zero || CallTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentException("ChatClientOptions: delays must be positive and MaxReconnectDelay ≥ InitialReconnectDelay.");
        }
    }
}
