using Chat.Contracts;

namespace Chat.Client.Rest;

/// <summary>The session part of the REST client: the refresh token, transparent renewal, sessions, logout.</summary>
public sealed partial class ChatRestClient
{
    private readonly SemaphoreSlim _renewing = new(1, 1);

    /// <summary>The one-use refresh token of this client's session (replaced on every renewal).</summary>
    public string? RefreshToken { get; set; }

    /// <summary>Spends the refresh token for a new pair; a refused one (session ended) is <see cref="ChatError.Unauthorized"/>.</summary>
    public async Task<AuthResponse> RefreshAsync(CancellationToken cancellationToken = default)
    {
        var refreshToken = RefreshToken ?? throw new InvalidOperationException("No refresh token: log in or register first.");
        var (result, _) = await SendOnceAsync<AuthResponse>(HttpMethod.Post, "users/refresh", new RefreshRequest(refreshToken), cancellationToken);
        UseTokens(result);
        return result;
    }

    /// <summary>Ends this client's session on the server (its live connections close) and forgets the tokens.</summary>
    public async Task LogOutAsync(CancellationToken cancellationToken = default)
    {
        await SendOnceAsync<object>(HttpMethod.Post, "users/logout", null, cancellationToken);
        AccessToken = RefreshToken = null;
    }

    public async Task<IReadOnlyList<SessionDto>> GetSessionsAsync(CancellationToken cancellationToken = default) =>
        (await SendAsync<SessionsResponse>(HttpMethod.Get, "users/me/sessions", null, cancellationToken)).Sessions;

    public Task EndSessionAsync(string sessionId, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Delete, $"users/me/sessions/{Uri.EscapeDataString(sessionId)}", null, cancellationToken);

    /// <summary>Changes the password; every other session of the user ends.</summary>
    public Task ChangePasswordAsync(string currentPassword, string newPassword, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Put, "users/me/password", new ChangePasswordRequest(currentPassword, newPassword), cancellationToken);

    /// <summary>
    /// Renews after <paramref name="refusedToken"/> was refused, once for all the calls refused together: a call that
    /// finds the token already replaced just uses the new one (a refresh token is spent only once).
    /// </summary>
    internal async Task RenewAfterRefusalAsync(string refusedToken, CancellationToken cancellationToken)
    {
        await _renewing.WaitAsync(cancellationToken);
        try
        {
            if (AccessToken == refusedToken)
            {
                await RefreshAsync(cancellationToken);
            }
        }
        finally
        {
            _renewing.Release();
        }
    }

    private void UseTokens(AuthResponse result)
    {
        AccessToken = result.Token;
        RefreshToken = result.RefreshToken ?? RefreshToken;
    }

    /// <summary>Calls whose refusal is about credentials themselves, where renewing would not help.</summary>
    private static bool IsSessionPath(string path) =>
        path is "users/refresh" or "users/login" or "users/register" or "users/logout";
}
