using Chat.Errors;
using Chat.Grpc.V1;

namespace Chat.Gateway.Grpc;

/// <summary>A validated <see cref="SubscribeRequest"/>: which rooms, each once, and where each starts.</summary>
internal static class SubscribePlan
{
    public static IReadOnlyList<SubscribedRoom> From(SubscribeRequest request, int maxRooms)
    {
        var roomIds = request.RoomIds.Distinct(StringComparer.Ordinal).ToList();
        if (roomIds.Count == 0)
        {
            throw ChatException.BadRequest("room_ids must name at least one room.");
        }
        if (roomIds.Count > maxRooms)
        {
            throw ChatException.BadRequest($"room_ids may name at most {maxRooms} rooms.");
        }
        foreach (var roomId in roomIds)
        {
            ChatRules.ValidateRoomId(roomId);
        }
        foreach (var (roomId, afterSeq) in request.AfterSeq)
        {
            if (!roomIds.Contains(roomId, StringComparer.Ordinal))
            {
                throw ChatException.BadRequest("after_seq may only name rooms listed in room_ids.");
            }
            ChatRules.ValidateHistory(beforeSeq: null, afterSeq, limit: null);
        }
        foreach (var (roomId, afterChange) in request.AfterChange)
        {
            if (!roomIds.Contains(roomId, StringComparer.Ordinal))
            {
                throw ChatException.BadRequest("after_change may only name rooms listed in room_ids.");
            }
            ChatRules.ValidateChanges(afterChange, limit: null);
        }
        return roomIds
            .Select(roomId => new SubscribedRoom(
                roomId,
                request.AfterSeq.TryGetValue(roomId, out var afterSeq) ? afterSeq : null,
                request.AfterChange.TryGetValue(roomId, out var afterChange) ? afterChange : null))
            .ToList();
    }
}
