using Microsoft.Extensions.Logging;

namespace Chat.Grains.Rooms;

// The member count the public directory lists (GET /chat/rooms). Written after each membership change of a public
// room, and once per activation (rows listed before the count existed catch up then). At most one write is in flight:
// changes that come while it runs are folded into one more write of the latest count, so a burst of joins costs two
// writes, not one each. The count is for display: a failed write is logged, and the next change or activation repairs it.
public sealed partial class RoomGrain
{
    private bool _memberCountWriting;
    private bool _memberCountStale;

    private void PublishMemberCount()
    {
        if (state.State.Info is not { IsPublic: true })
        {
            return;
        }
        if (_memberCountWriting)
        {
            _memberCountStale = true;
            return;
        }
        _ = WriteMemberCountAsync();
    }

    private async Task WriteMemberCountAsync()
    {
        _memberCountWriting = true;
        try
        {
            do
            {
                _memberCountStale = false;
                await directory.SetMemberCountAsync(RoomId, state.State.Members.Count);
            }
            while (_memberCountStale);
        }
        catch (Exception exception)
        {
            LogMemberCountFailed(logger, RoomId, exception.Message);
        }
        finally
        {
            _memberCountWriting = false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId}: writing the directory's member count failed; the next change writes it: {Reason}")]
    private static partial void LogMemberCountFailed(ILogger logger, string roomId, string reason);
}
