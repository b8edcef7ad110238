namespace Chat.Messages;

/// <summary>
/// A page of history; cursors are exclusive, results always ascend by seq.
/// No cursor: the newest <see cref="Limit"/>; <see cref="BeforeSeq"/>: the newest below it;
/// <see cref="AfterSeq"/>: the oldest above it; both: the oldest strictly between them.
/// </summary>
[GenerateSerializer, Immutable, Alias("chat.HistoryQuery")]
public sealed record HistoryQuery(
    [property: Id(0)] long? BeforeSeq,
    [property: Id(1)] long? AfterSeq,
    [property: Id(2)] int Limit);
