using System.ComponentModel.DataAnnotations;

namespace Chat.Grains.Storage;

/// <summary>
/// Bounds of the silo-wide message-log writer (configuration section <c>Chat:MessageLog</c>, see
/// <see cref="AppendCoalescer"/>): room batches that wait while writes are in flight are combined into one INSERT
/// of at most <see cref="MaxRowsPerWrite"/> rows and <see cref="MaxBytesPerWrite"/> estimated bytes.
/// </summary>
public sealed class MessageLogWriteOptions
{
    public const string Section = "Chat:MessageLog";

    /// <summary>
    /// Most rows in one combined INSERT. A single room batch larger than this (up to <c>Chat:Rooms:MaxBatchSize</c>)
    /// is still written, on its own.
    /// </summary>
    [Range(1, 10_000, ErrorMessage = "Chat:MessageLog:MaxRowsPerWrite must be between 1 and 10000 rows.")]
    public int MaxRowsPerWrite { get; set; } = 1_000;

    /// <summary>
    /// Most bytes in one combined INSERT, as <see cref="MySqlMessageRows.EstimatedSize"/> counts them (an upper bound
    /// of the statement's size). Keep it under the server's <c>max_allowed_packet</c> (MariaDB: 16 MiB by default).
    /// </summary>
    [Range(65_536, 1_073_741_824, ErrorMessage = "Chat:MessageLog:MaxBytesPerWrite must be between 65536 and 1073741824 bytes.")]
    public long MaxBytesPerWrite { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// Writes in flight at once, each on its own connection. Small on purpose: what arrives meanwhile waits and goes
    /// out combined, so the store sees a few large commits instead of one commit per room batch.
    /// </summary>
    [Range(1, 64, ErrorMessage = "Chat:MessageLog:MaxConcurrentWrites must be between 1 and 64.")]
    public int MaxConcurrentWrites { get; set; } = 2;
}
