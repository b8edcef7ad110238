using System.Diagnostics;
using Chat.Grains.Observability;
using Microsoft.Extensions.Logging;
using MySqlConnector;

namespace Chat.Grains.Storage;

/// <summary>
/// Writes one group of room batches taken by <see cref="AppendCoalescer"/>: a lone batch exactly as a room's own
/// append (<see cref="MySqlAppend.AppendAsync"/>), several as one INSERT across rooms (<see cref="MySqlAppend.InsertAsync"/>).
/// </summary>
/// <remarks>
/// Guaranteed, per room: its answer comes only after the commit that stored its rows; one room's duplicate client id
/// or taken seq never fails another room's messages. The combined INSERT is atomic, so when it fails nothing of it is
/// stored and each room's batch is written on its own instead: after a duplicate key (1062), on the same connection
/// through the room path (which answers duplicates with the stored original and reports a taken seq as
/// <see cref="MessageLogConflictException"/>); after a lost connection, whose commit may or may not have happened, on
/// a fresh one through <see cref="MySqlAppend.AppendAgainAsync"/>, whose read-back decides per room. Any other failure
/// fails every room still waiting, with the error a room log handles (it reloads from the log).
/// </remarks>
internal sealed partial class MySqlGroupAppend(MySqlConnections connections, ChatGrainMetrics metrics, ILogger logger)
{
    public async Task WriteAsync(IReadOnlyList<RoomAppend> group)
    {
        // The writer runs without the callers' context; the statement joins the trace of its first batch's send (one
        // INSERT, one parent: the other sends of a combined write are counted by chat.messagelog.commit.rooms).
        Activity.Current = group[0].Trace;
        try
        {
            await connections.RunAsync(
                connection => group.Count == 1 ? WriteEachAsync(connection, group, again: false) : WriteTogetherAsync(connection, group),
                fresh => WriteEachAfterLostConnectionAsync(fresh, group),
                CancellationToken.None);
        }
        catch (Exception ex)
        {
            var error = MySqlMessageLog.StoreError(logger, ex);
            foreach (var append in group)
            {
                append.Fail(error); // rooms already answered keep their answer
            }
        }
    }

    private async Task<bool> WriteTogetherAsync(MySqlConnection connection, IReadOnlyList<RoomAppend> group)
    {
        var rows = group.Sum(a => a.Rows);
        AppendOutcome[][] outcomes;
        try
        {
            outcomes = await MySqlAppend.InsertAsync(connection, group.Select(a => a.Batch).ToList(), CancellationToken.None);
        }
        catch (MySqlException ex) when (ex.Number == MySqlAppend.DuplicateEntry)
        {
            metrics.MessageLogWriteSplit();
            LogSplitAfterDuplicate(logger, rows, group.Count);
            return await WriteEachAsync(connection, group, again: false);
        }
        metrics.RecordMessageLogCommit(group.Count, rows);
        for (var i = 0; i < group.Count; i++)
        {
            group[i].Complete(outcomes[i]);
        }
        return true;
    }

    private Task<bool> WriteEachAfterLostConnectionAsync(MySqlConnection fresh, IReadOnlyList<RoomAppend> group)
    {
        if (group.Count > 1)
        {
            metrics.MessageLogWriteSplit();
            LogSplitAfterLostConnection(logger, group.Count(a => a.IsWaiting));
        }
        return WriteEachAsync(fresh, group, again: true);
    }

    /// <summary>
    /// Each batch still waiting, one after the other, through the room path (<paramref name="again"/>: after a lost
    /// connection). A conflict answers its room only; any other failure ends the group (the caller fails the rest).
    /// </summary>
    private async Task<bool> WriteEachAsync(MySqlConnection connection, IReadOnlyList<RoomAppend> group, bool again)
    {
        foreach (var append in group.Where(a => a.IsWaiting))
        {
            var (roomId, nextSeq, messages) = append.Batch;
            var onDuplicate = () => LogDuplicateInBatch(logger, roomId, messages.Count);
            try
            {
                var outcomes = again
                    ? await MySqlAppend.AppendAgainAsync(connection, roomId, nextSeq, messages, onDuplicate, CancellationToken.None)
                    : await MySqlAppend.AppendAsync(connection, roomId, nextSeq, messages, onDuplicate, CancellationToken.None);
                metrics.RecordMessageLogCommit(1, messages.Count);
                append.Complete(outcomes);
            }
            catch (MessageLogConflictException conflict)
            {
                append.Fail(conflict);
            }
        }
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Batch of {Count} messages for room {RoomId} hit a known client id; replaying row by row")]
    private static partial void LogDuplicateInBatch(ILogger logger, string roomId, int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "Write of {Rows} messages for {Rooms} rooms hit a duplicate key; writing each room on its own")]
    private static partial void LogSplitAfterDuplicate(ILogger logger, int rows, int rooms);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Write for {Rooms} rooms lost its connection; each room reads back what was stored and writes the rest on its own")]
    private static partial void LogSplitAfterLostConnection(ILogger logger, int rooms);
}
