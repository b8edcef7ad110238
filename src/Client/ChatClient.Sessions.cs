namespace Chat.Client;

/// <summary>Signing out: the session ends on the server (its live connections close everywhere) and here.</summary>
public sealed partial class ChatClient
{
    /// <summary>Ends this client's session; the credentials are forgotten, so it does not sign in again by itself.</summary>
    public async Task LogOutAsync(CancellationToken cancellationToken = default)
    {
        _credentials = null;
        await Rest.LogOutAsync(cancellationToken);
    }
}
