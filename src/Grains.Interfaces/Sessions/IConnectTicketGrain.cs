namespace Chat.Sessions;

/// <summary>
/// Spends one connect ticket (key: the ticket's id, <c>jti</c>), so that a ticket opens one live connection across
/// every gateway of the deployment. Nothing is stored: the record lives in memory until the ticket has expired (after
/// which its signature check refuses it anyway). A silo lost within those seconds forgets its records; that is the
/// whole window in which a ticket could be spent twice.
/// </summary>
[Alias("chat.IConnectTicketGrain")]
public interface IConnectTicketGrain : IGrainWithStringKey
{
    /// <summary>True the first time only; the record is kept at least until <paramref name="expiresAt"/>.</summary>
    [Alias("TryRedeem")]
    Task<bool> TryRedeem(DateTimeOffset expiresAt);
}
