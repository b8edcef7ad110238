using System.Collections.Immutable;
using Chat.Grains.Storage;
using Chat.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams;

namespace Chat.Grains.Sessions;

/// <summary>A user's sign-in sessions: start, rotate refresh tokens with reuse detection, list and end them.</summary>
public sealed partial class UserSessionsGrain(
    [PersistentState("sessions", ChatStorage.GrainState)] IPersistentState<UserSessionsState> state,
    IOptions<SessionOptions> options,
    TimeProvider time,
    ILogger<UserSessionsGrain> logger) : Grain, IUserSessionsGrain
{
    /// <summary>Spent refresh tokens remembered per session: enough to catch a stolen copy used within many rotations.</summary>
    private const int SpentHashesKept = 32;

    /// <summary>Last-seen times are written at most this often (a use only moves them in memory otherwise).</summary>
    private static readonly TimeSpan LastSeenWriteInterval = TimeSpan.FromMinutes(5);

    private string UserId => this.GetPrimaryKeyString();

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    public async Task Start(string sessionId, string refreshHash, string? userAgent)
    {
        var now = Now;
        await EndExpiredAsync(now);
        var sessions = state.State.Sessions;
        while (sessions.Count >= options.Value.MaxSessionsPerUser)
        {
            var oldest = sessions.MinBy(pair => pair.Value.LastSeenAt).Key;
            sessions.Remove(oldest);
            await PublishAsync(oldest, "too many sessions: the least recently used one ended");
        }
        sessions[sessionId] = new SessionRecord
        {
            CreatedAt = now,
            LastSeenAt = now,
            RefreshedAt = now,
            UserAgent = userAgent,
            RefreshHash = refreshHash,
        };
        await state.WriteStateAsync();
        LogStarted(UserId, sessionId);
    }

    public async Task<RefreshOutcome> Rotate(string sessionId, string presentedHash, string nextHash)
    {
        var now = Now;
        if (!state.State.Sessions.TryGetValue(sessionId, out var session) || IsExpired(session, now))
        {
            return RefreshOutcome.Unknown;
        }
        if (session.SpentHashes.Contains(presentedHash, StringComparer.Ordinal))
        {
            LogReused(UserId, sessionId);
            await EndAsync(sessionId, "a spent refresh token was presented again");
            return RefreshOutcome.Reused;
        }
        if (!string.Equals(session.RefreshHash, presentedHash, StringComparison.Ordinal))
        {
            return RefreshOutcome.Unknown;
        }
        session.SpentHashes.Add(presentedHash);
        if (session.SpentHashes.Count > SpentHashesKept)
        {
            session.SpentHashes.RemoveAt(0);
        }
        session.RefreshHash = nextHash;
        session.RefreshedAt = session.LastSeenAt = now;
        await state.WriteStateAsync();
        return RefreshOutcome.Rotated;
    }

    public async Task<bool> Touch(string sessionId)
    {
        var now = Now;
        if (!state.State.Sessions.TryGetValue(sessionId, out var session) || IsExpired(session, now))
        {
            return false;
        }
        var persisted = session.LastSeenAt;
        session.LastSeenAt = now;
        if (now - persisted >= LastSeenWriteInterval.TotalMilliseconds)
        {
            await state.WriteStateAsync();
        }
        return true;
    }

    public Task<ImmutableArray<SessionInfo>> List()
    {
        var now = Now;
        return Task.FromResult(state.State.Sessions
            .Where(pair => !IsExpired(pair.Value, now))
            .OrderByDescending(pair => pair.Value.LastSeenAt)
            .Select(pair => new SessionInfo(pair.Key, pair.Value.CreatedAt, pair.Value.LastSeenAt, pair.Value.UserAgent))
            .ToImmutableArray());
    }

    public Task<bool> End(string sessionId, string reason) => EndAsync(sessionId, reason);

    public async Task EndAllExcept(string? keepSessionId, string reason)
    {
        var ending = state.State.Sessions.Keys.Where(id => id != keepSessionId).ToList();
        foreach (var sessionId in ending)
        {
            state.State.Sessions.Remove(sessionId);
        }
        await state.WriteStateAsync();
        foreach (var sessionId in ending)
        {
            await PublishAsync(sessionId, reason);
        }
    }

    private async Task<bool> EndAsync(string sessionId, string reason)
    {
        if (!state.State.Sessions.Remove(sessionId))
        {
            return false;
        }
        await state.WriteStateAsync();
        await PublishAsync(sessionId, reason);
        LogEnded(UserId, sessionId, reason);
        return true;
    }

    private async Task EndExpiredAsync(long now)
    {
        var expired = state.State.Sessions.Where(pair => IsExpired(pair.Value, now)).Select(pair => pair.Key).ToList();
        foreach (var sessionId in expired)
        {
            state.State.Sessions.Remove(sessionId);
            await PublishAsync(sessionId, "the session expired");
        }
    }

    private bool IsExpired(SessionRecord session, long now) =>
        now - session.RefreshedAt > options.Value.IdleLifetime.TotalMilliseconds;

    /// <summary>
    /// Tells every gateway; best effort (memory streams are not durable), so a gateway that misses it still refuses
    /// the session's tokens on their next use (<see cref="Touch"/>) and its connections at their token's expiry.
    /// </summary>
    private async Task PublishAsync(string sessionId, string reason)
    {
        try
        {
            await this.GetStreamProvider(Chat.Rooms.ChatStreams.ProviderName)
                .GetStream<SessionRevoked>(StreamId.Create(SessionStreams.Namespace, SessionStreams.Key))
                .OnNextAsync(new SessionRevoked(UserId, sessionId, reason));
        }
        catch (Exception exception)
        {
            LogPublishFailed(exception, UserId, sessionId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} started session {SessionId}")]
    private partial void LogStarted(string userId, string sessionId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} session {SessionId} ended: {Reason}")]
    private partial void LogEnded(string userId, string sessionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} session {SessionId}: a spent refresh token was presented again; the session ends")]
    private partial void LogReused(string userId, string sessionId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce the end of session {SessionId} of user {UserId}")]
    private partial void LogPublishFailed(Exception exception, string userId, string sessionId);
}
