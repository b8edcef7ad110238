using Chat.Leases;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Lease;

/// <summary>This gateway's lease grain: renewed by <see cref="GatewayLeaseService"/>, told which rooms it has members in.</summary>
public sealed class GatewayLease(IClusterClient cluster, IOptions<ChatGatewayOptions> gateway) : IGatewayLease
{
    private IGatewayGrain Grain => cluster.GetGrain<IGatewayGrain>(gateway.Value.Id);

    public string GatewayId => gateway.Value.Id;

    public Task<bool> RenewAsync(TimeSpan duration) => Grain.Renew(duration);

    public Task TrackAsync(string roomId) => Grain.TrackRooms([roomId]);

    public Task TrackAllAsync(string[] roomIds) => roomIds.Length == 0 ? Task.CompletedTask : Grain.TrackRooms(roomIds);

    public Task UntrackAsync(string roomId) => Grain.UntrackRoom(roomId);

    public Task ReleaseAsync() => Grain.Release();
}
