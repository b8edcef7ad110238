using Chat.Gateway.Observability;

namespace Chat.Gateway.Application;

/// <summary>
/// Who is calling, taken only from the validated token (never from an argument the client sends); which transport
/// (<see cref="ChatTransport"/>, for metrics); and, for live connections (SignalR, raw WebSocket), which connection:
/// that one is skipped when its own message is pushed.
/// </summary>
/// <param name="SessionId">The sign-in session of the token (<c>sid</c>); null only for callers made outside a request.</param>
public sealed record Caller(string UserId, string Username, string? ConnectionId = null, string Transport = ChatTransport.Rest, string? SessionId = null);
