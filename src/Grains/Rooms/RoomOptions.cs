using System.ComponentModel.DataAnnotations;

namespace Chat.Grains.Rooms;

/// <summary>Bounds of a room grain's memory and write batching (configuration section <c>Chat:Rooms</c>).</summary>
public sealed class RoomOptions
{
    public const string Section = "Chat:Rooms";

    /// <summary>Newest messages kept in memory: history near the head is served without the store.</summary>
    [Range(1, 100_000, ErrorMessage = "Chat:Rooms:CacheSize must be between 1 and 100000 messages.")]
    public int CacheSize { get; set; } = 200;

    /// <summary>How many of the newest messages' client ids are remembered for idempotent retries without a store read.
    /// Older duplicates are still caught by the store's unique key.</summary>
    [Range(0, 1_000_000, ErrorMessage = "Chat:Rooms:ClientIdWindow must be between 0 and 1000000.")]
    public int ClientIdWindow { get; set; } = 10_000;

    /// <summary>Most rows in one multi-row INSERT.</summary>
    [Range(1, 10_000, ErrorMessage = "Chat:Rooms:MaxBatchSize must be between 1 and 10000 rows.")]
    public int MaxBatchSize { get; set; } = 500;
}
