using Microsoft.Extensions.Options;

namespace Chat.Gateway.Hosting;

/// <summary>
/// Counts this gateway's live connections and decides whether a new one is admitted: below the cap (derived from the
/// open-file limit, <see cref="AdmissionOptions"/>) and while memory lasts. A refusal never affects a live connection.
/// Logs one line when refusing starts and one when it stops, however many connections are refused in between.
/// </summary>
public sealed partial class ConnectionAdmission
{
    private readonly ILogger<ConnectionAdmission> _logger;
    private readonly int _memoryLoadPercent;
    private int _live;
    private long _refused;
    private int _refusing;

    public ConnectionAdmission(IOptions<AdmissionOptions> options, ILogger<ConnectionAdmission> logger)
    {
        _logger = logger;
        var settings = options.Value;
        _memoryLoadPercent = settings.MaxMemoryLoadPercent;
        RetryAfterSeconds = settings.RetryAfterSeconds;
        OpenFileLimit = Hosting.OpenFileLimit.Read();
        var fromDescriptors = OpenFileLimit is { } limit ? Math.Max(1, limit - settings.DescriptorReserve) : int.MaxValue;
        Capacity = Math.Min(settings.MaxLiveConnections ?? int.MaxValue, fromDescriptors);
    }

    /// <summary>The most live connections admitted (int.MaxValue: no limit known or set).</summary>
    public int Capacity { get; }

    public int? OpenFileLimit { get; }

    public int RetryAfterSeconds { get; }

    public int Live => Volatile.Read(ref _live);

    /// <summary>
    /// Admits one more live connection (call <see cref="Release"/> when it ends), or returns false with the reason
    /// to give the client.
    /// </summary>
    public bool TryAdmit(out string reason)
    {
        if (!CanAdmit(out reason))
        {
            return false;
        }
        if (Interlocked.Increment(ref _live) > Capacity)
        {
            Interlocked.Decrement(ref _live);
            reason = ConnectionLimitReason;
            Refuse(reason);
            return false;
        }
        Recover();
        return true;
    }

    /// <summary>
    /// Whether a new connection would be admitted now, without taking a place (for requests that only lead to one,
    /// e.g. a negotiation); a false counts as a refusal.
    /// </summary>
    public bool CanAdmit(out string reason)
    {
        if (HasRoom(out reason))
        {
            return true;
        }
        Refuse(reason);
        return false;
    }

    private bool HasRoom(out string reason)
    {
        if (Live >= Capacity)
        {
            reason = ConnectionLimitReason;
            return false;
        }
        var memory = GC.GetGCMemoryInfo();
        if (memory.TotalAvailableMemoryBytes > 0 && memory.MemoryLoadBytes * 100 >= memory.TotalAvailableMemoryBytes * _memoryLoadPercent)
        {
            reason = "This gateway is low on memory; try again later or another gateway.";
            return false;
        }
        reason = "";
        return true;
    }

    public void Release() => Interlocked.Decrement(ref _live);

    private string ConnectionLimitReason => "This gateway is at its connection limit; try again later or another gateway.";

    private void Refuse(string reason)
    {
        Interlocked.Increment(ref _refused);
        if (Interlocked.Exchange(ref _refusing, 1) == 0)
        {
            LogRefusing(_logger, reason, Live, Capacity, OpenFileLimit);
        }
    }

    /// <summary>Leaves the refusing state when a connection is admitted again; says how many were refused meanwhile.</summary>
    private void Recover()
    {
        if (Volatile.Read(ref _refusing) == 1 && Interlocked.Exchange(ref _refusing, 0) == 1)
        {
            LogAccepting(_logger, Interlocked.Exchange(ref _refused, 0), Live, Capacity);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refusing new connections (503): {Reason} Live connections {Live}, cap {Capacity}, open-file limit {OpenFileLimit}; live connections are kept. Logged once until connections are admitted again.")]
    private static partial void LogRefusing(ILogger logger, string reason, int live, int capacity, int? openFileLimit);

    [LoggerMessage(Level = LogLevel.Information, Message = "Admitting new connections again after refusing {Refused}; live connections {Live}, cap {Capacity}")]
    private static partial void LogAccepting(ILogger logger, long refused, int live, int capacity);
}
