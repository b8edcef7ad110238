namespace Chat.Client;

/// <summary>A user's profile (docs/PROTOCOL.md <c>user</c>).</summary>
public sealed record UserProfile(string Id, string Username, string Email, string DisplayName, string? Avatar, long CreatedAt);

/// <summary>What register and log in answer: a bearer token that works on every transport, and the user.</summary>
public sealed record AuthResult(string Token, UserProfile User);
