namespace Chat.Chaos.Faults;

/// <summary>The faults the soak injects, in rotation.</summary>
internal enum FaultKind
{
    SiloKill,
    SiloTerm,
    GatewayKill,
    DatabaseRestart,
    RedisRestart,
    SlowDatabase,
    SiloStall,
}

/// <summary>
/// One injected fault: from <see cref="Start"/> until it was healed (every process back and healthy) plus a settling
/// time, <see cref="End"/>. Errors clients see inside the window are the fault's; outside every window they are bugs.
/// </summary>
internal sealed record FaultWindow(FaultKind Kind, string Target, TimeSpan Start, TimeSpan Healed, TimeSpan End, TimeSpan? Ghost)
{
    public bool Contains(TimeSpan at) => at >= Start && at <= End;

    /// <summary>A request that was in flight when the fault struck (or began during it) is the fault's.</summary>
    public bool Overlaps(TimeSpan from, TimeSpan to) => from <= End && to >= Start;
}
