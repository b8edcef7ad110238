namespace Chat.Gateway.Fanout;

/// <summary>
/// Tells the cluster which rooms this gateway has joined connections in (the gateway lease implements it), so that
/// they are dropped from those rooms if the gateway stops renewing.
/// </summary>
public interface IRoomTracker
{
    /// <summary>This gateway's id, as the rooms know its connections.</summary>
    string GatewayId { get; }

    Task TrackAsync(string roomId);

    Task UntrackAsync(string roomId);
}
