using System.Collections.Concurrent;
using System.Diagnostics;

namespace Chat.Chaos.Load;

/// <summary>One failed request as the client saw it: when, through what, how it was refused, and how long it took.</summary>
internal sealed record ErrorSeen(TimeSpan At, string Transport, string Client, string Code, bool Retryable, TimeSpan Took, string? Detail);

/// <summary>A send the server acknowledged: it must be in history once, at this seq.</summary>
internal sealed record AckedSend(string Transport, string RoomId, string UserId, string ClientMessageId, long Seq);

/// <summary>A message handed to a receiving client's application: live, or fetched from history to fill a gap.</summary>
internal sealed record Received(string Receiver, string RoomId, long Seq, bool GapFilled, TimeSpan At);

/// <summary>Everything the clients saw during the run, on one clock, safe to write from any thread.</summary>
internal sealed class Journal
{
    /// <summary>Beyond this a request counts as a hang: the gateway's grain-call time-out is 5 s, the store's 10 s.</summary>
    public static readonly TimeSpan HangLimit = TimeSpan.FromSeconds(15);

    private readonly ConcurrentQueue<ErrorSeen> _errors = new();
    private readonly ConcurrentQueue<AckedSend> _acked = new();
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly ConcurrentDictionary<string, HashSet<string>> _receiverRooms = new();

    public Stopwatch Clock { get; } = Stopwatch.StartNew();

    public IReadOnlyList<ErrorSeen> Errors => [.. _errors];

    public IReadOnlyList<AckedSend> Acked => [.. _acked];

    public IReadOnlyList<Received> Deliveries => [.. _received];

    /// <summary>Rooms each receiver follows, with the seq it started after.</summary>
    public ConcurrentDictionary<(string Receiver, string RoomId), long> StartedAfter { get; } = new();

    public void Error(string transport, string client, string code, bool retryable, TimeSpan took, string? detail = null) =>
        _errors.Enqueue(new ErrorSeen(Clock.Elapsed - took, transport, client, code, retryable && took < HangLimit, took, detail));

    public void Ack(string transport, string roomId, string userId, string clientMessageId, long seq) =>
        _acked.Enqueue(new AckedSend(transport, roomId, userId, clientMessageId, seq));

    public void Deliver(string receiver, string roomId, long seq, bool gapFilled) =>
        _received.Enqueue(new Received(receiver, roomId, seq, gapFilled, Clock.Elapsed));

    /// <summary>Records that <paramref name="receiver"/> follows the room after <paramref name="afterSeq"/>; false if it already did.</summary>
    public bool Follow(string receiver, string roomId, long afterSeq) => StartedAfter.TryAdd((receiver, roomId), afterSeq);
}
