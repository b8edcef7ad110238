using System.Collections.Immutable;
using Chat.Errors;
using Chat.Grains.Storage;
using Chat.Messages;
using Chat.Rooms;
using Chat.Users;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Chat.Grains.Users;

/// <summary>A user: profile, credentials, session version, private rooms and the send budget.</summary>
public sealed partial class UserGrain(
    [PersistentState("user", ChatStorage.GrainState)] IPersistentState<UserState> state,
    IOptions<SendRateLimitOptions> rateLimit,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain
{
    private readonly TokenBucket _sendBudget = new(rateLimit.Value.Burst, rateLimit.Value.PerSecond, time);

    private string UserId => this.GetPrimaryKeyString();

    public async Task<UserProfile> Create(NewUser user)
    {
        if (state.State.Profile is not null)
        {
            throw ChatException.Conflict("The user already exists.");
        }
        var profile = new UserProfile(UserId, user.Username, user.Email, user.Username, null, time.GetUtcNow().ToUnixTimeMilliseconds());
        state.State.Profile = profile;
        state.State.PasswordHash = user.PasswordHash;
        await state.WriteStateAsync();
        LogCreated(logger, UserId, user.Username);
        await JoinDefaultRoomAsync();
        return profile;
    }

    public Task<UserProfile?> GetProfile() => Task.FromResult(state.State.Profile);

    public Task<UserCredentials?> GetCredentials() => Task.FromResult(
        state.State.Profile is { } profile ? new UserCredentials(profile, state.State.PasswordHash) : null);

    public async Task<UserProfile> UpdateProfile(ProfileUpdate update)
    {
        var profile = RequireProfile();
        var updated = profile;
        if (update.DisplayName is not null)
        {
            updated = updated with { DisplayName = ChatRules.ValidateDisplayName(update.DisplayName) };
        }
        if (update.Avatar is not null)
        {
            var avatar = ChatRules.ValidateAvatar(update.Avatar);
            updated = updated with { Avatar = avatar.Length == 0 ? null : avatar };
        }
        string? releasedEmail = null;
        if (update.Email is not null && !string.Equals(ChatRules.Normalize(update.Email), ChatRules.Normalize(profile.Email), StringComparison.Ordinal))
        {
            ChatRules.ValidateEmail(update.Email);
            if (!await GrainFactory.GetGrain<IEmailIndexGrain>(ChatRules.Normalize(update.Email)).TryClaim(UserId))
            {
                throw ChatException.Conflict("That email is already registered.");
            }
            releasedEmail = profile.Email;
            updated = updated with { Email = update.Email };
        }
        else if (update.Email is not null)
        {
            updated = updated with { Email = update.Email }; // same address, maybe other letter case
        }

        state.State.Profile = updated;
        await state.WriteStateAsync();
        if (releasedEmail is not null)
        {
            await GrainFactory.GetGrain<IEmailIndexGrain>(ChatRules.Normalize(releasedEmail)).Release(UserId);
        }
        return updated;
    }

    public Task<ImmutableArray<string>> GetPrivateRooms() => Task.FromResult(state.State.PrivateRooms.Order(StringComparer.Ordinal).ToImmutableArray());

    public async Task AddPrivateRoom(string roomId)
    {
        RequireProfile();
        if (state.State.PrivateRooms.Add(roomId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<SendResult> SendMessage(string roomId, string content, string? clientMessageId, string? originConnectionId, long? replyToSeq = null,
        ImmutableArray<Chat.Attachments.AttachmentInfo> attachments = default)
    {
        var profile = RequireProfile();
        // The room id addresses a grain, so it is checked here; content and client message id are checked by the
        // gateway and by the room grain that stores them, not a third time.
        ChatRules.ValidateRoomId(roomId);
        if (!_sendBudget.TryTake(out var retryAfter))
        {
            throw new ChatException(ChatErrorCode.RateLimited,
                $"Too many messages: at most {rateLimit.Value.Burst} at once and {rateLimit.Value.PerSecond:0.##} per second.", retryAfter);
        }
        return GrainFactory.GetGrain<IRoomGrain>(roomId)
            .Send(new PostMessage(UserId, profile.Username, content, clientMessageId, originConnectionId)
            {
                ReplyToSeq = replyToSeq,
                Attachments = attachments.IsDefault ? [] : attachments,
            });
    }

    public Task<SendTokenLease> LeaseSendTokens(int returned, int wanted)
    {
        var profile = RequireProfile();
        _sendBudget.Return(returned);
        _sendBudget.TryTake(Math.Clamp(wanted, 1, rateLimit.Value.Burst), out var granted, out var retryAfter);
        return Task.FromResult(new SendTokenLease(granted, retryAfter, profile.Username));
    }

    public Task ReturnSendTokens(int returned)
    {
        _sendBudget.Return(returned);
        return Task.CompletedTask;
    }

    private UserProfile RequireProfile() =>
        state.State.Profile ?? throw new ChatException(ChatErrorCode.Unauthorized, "The user does not exist.");

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} registered as {Username}")]
    private static partial void LogCreated(ILogger logger, string userId, string username);
}
