using Chat.Errors;
using Chat.Quotas;
using Chat.Rooms;

namespace Chat.Gateway.Application.Rooms;

/// <summary>
/// Creates a room under the given id (Conflict if it exists) or under one derived from its name; a derived id that
/// happens to be taken is derived again, since the caller never chose it.
/// </summary>
public sealed class CreateRoom(IClusterClient cluster, Microsoft.Extensions.Options.IOptions<Quotas.QuotaOptions> quotas)
{
    private const int DerivedIdAttempts = 3;

    public async Task<RoomInfo> HandleAsync(Caller caller, CreateRoomRequest request, CancellationToken cancellationToken)
    {
        var name = ChatRules.ValidateRoomName(request.Name);
        var description = ChatRules.ValidateRoomDescription(request.Description);
        var room = new NewRoom(name, description, request.IsPublic, caller.UserId);
        if (request.Id is { Length: > 0 })
        {
            ChatRules.ValidateRoomId(request.Id);
        }
        var perDay = quotas.Value.RoomsPerDay;
        if (await cluster.GetGrain<IDailyQuotaGrain>($"rooms/{caller.UserId}").TryTake(perDay).WaitAsync(cancellationToken) is { } wait)
        {
            throw new ChatException(ChatErrorCode.RateLimited, $"At most {perDay} rooms may be created per day; try again tomorrow.", wait);
        }

        if (!string.IsNullOrEmpty(request.Id))
        {
            ChatRules.ValidateRoomId(request.Id);
            return await cluster.GetGrain<IRoomGrain>(request.Id).Create(room).WaitAsync(cancellationToken);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await cluster.GetGrain<IRoomGrain>(RoomIds.FromName(name)).Create(room).WaitAsync(cancellationToken);
            }
            catch (ChatException exception) when (exception.Code == ChatErrorCode.Conflict && attempt < DerivedIdAttempts)
            {
            }
        }
    }
}
