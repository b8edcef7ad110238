namespace Chat.Gateway.Fanout;

/// <summary>
/// Tells the cluster which rooms this gateway has joined connections in (the gateway lease implements it), so that
/// they are dropped from those rooms if the gateway stops renewing.
/// </summary>
public interface IRoomTracker
{
    Task TrackAsync(string roomId);

    Task UntrackAsync(string roomId);
}
