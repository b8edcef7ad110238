namespace Chat.Sessions;

/// <summary>
/// The one broadcast stream of session revocations (on the room streams' provider): every gateway subscribes to it,
/// whichever users it serves, so a revocation reaches each gateway once whatever the number of its connections.
/// </summary>
public static class SessionStreams
{
    public const string Namespace = "session-revocations";

    /// <summary>The stream's only key.</summary>
    public const string Key = "all";
}
