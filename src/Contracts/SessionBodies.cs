namespace Chat.Contracts;

// Bodies of the session endpoints (docs/PROTOCOL.md, "Accounts and sessions").

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>A sign-in session of the caller; <c>current</c> marks the one the request's token belongs to.</summary>
public sealed record SessionDto(string Id, long CreatedAt, long LastSeenAt, string? UserAgent, bool Current);

public sealed record SessionsResponse(IReadOnlyList<SessionDto> Sessions);

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);
