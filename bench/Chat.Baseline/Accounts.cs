using System.Collections.Concurrent;
using System.Security.Cryptography;
using Chat.Contracts;

namespace Chat.Baseline;

/// <summary>Users and their bearer tokens, in memory: a token is an opaque random string mapped to its user.</summary>
public sealed class Accounts
{
    private readonly ConcurrentDictionary<string, UserDto> _byName = new();
    private readonly ConcurrentDictionary<string, UserDto> _byToken = new();

    public (UserDto User, string Token) SignIn(string username)
    {
        var user = _byName.GetOrAdd(username, name =>
            new UserDto(Guid.NewGuid().ToString("N"), name, $"{name}@bench.test", name, null, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds()));
        var token = RandomNumberGenerator.GetHexString(32);
        _byToken[token] = user;
        return (user, token);
    }

    public UserDto? FromToken(string? token) => token is not null && _byToken.TryGetValue(token, out var user) ? user : null;

    /// <summary>The bearer token of a request: the Authorization header, else <c>access_token</c> (browsers' WebSockets).</summary>
    public UserDto? FromRequest(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        return FromToken(header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : context.Request.Query["access_token"].ToString());
    }
}
