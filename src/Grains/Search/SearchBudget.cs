namespace Chat.Grains.Search;

/// <summary>
/// How much one page of a search on MySQL may read (<see cref="MySqlMessageSearch"/>): the walk's first window and its
/// total, in index entries (of every room; only rows of the rooms searched are read), and the rows the FULLTEXT step
/// may read. Windows grow fourfold: the defaults walk 2,000 + 8,000 + 32,000 entries.
/// </summary>
public sealed record SearchBudget(int FirstWindow, int MaxWalk, int MaxIndexRows)
{
    public static SearchBudget Default { get; } = new(FirstWindow: 2_000, MaxWalk: 42_000, MaxIndexRows: 4_000);
}
