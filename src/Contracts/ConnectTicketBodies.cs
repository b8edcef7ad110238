namespace Chat.Contracts;

/// <summary>
/// A one-time connect ticket (<c>POST /users/me/connect-ticket</c>): pass it as <c>?ticket=</c> to <c>/hubs/chat</c> or
/// <c>/ws</c> instead of <c>?access_token=</c>. It opens one connection, within 30 s, while its session lives;
/// <c>expiresAt</c> is in Unix milliseconds.
/// </summary>
public sealed record ConnectTicketResponse(string Ticket, long ExpiresAt);
