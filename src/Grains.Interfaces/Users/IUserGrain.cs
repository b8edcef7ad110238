using System.Collections.Immutable;
using Chat.Messages;
using Orleans.Concurrency;

namespace Chat.Users;

/// <summary>
/// A user (key: user id): profile, password hash, session version, the private rooms they may enter,
/// and the per-user send rate limit that holds across every transport and gateway.
/// </summary>
[Alias("chat.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates the user (called by the username index only). Conflict if it exists.</summary>
    [Alias("Create")]
    Task<UserProfile> Create(NewUser user);

    /// <summary>The profile, or null if no such user.</summary>
    [Alias("GetProfile"), ReadOnly]
    Task<UserProfile?> GetProfile();

    /// <summary>Profile and password hash for login, or null if no such user.</summary>
    [Alias("GetCredentials"), ReadOnly]
    Task<UserCredentials?> GetCredentials();

    /// <summary>Applies a profile change; an email taken by another user is a Conflict.</summary>
    [Alias("UpdateProfile")]
    Task<UserProfile> UpdateProfile(ProfileUpdate update);

    [Alias("GetPrivateRooms"), ReadOnly]
    Task<ImmutableArray<string>> GetPrivateRooms();

    [Alias("AddPrivateRoom")]
    Task AddPrivateRoom(string roomId);

    /// <summary>
    /// Spends one token of the user's send budget (RateLimited when empty, nothing stored) and forwards the
    /// message, with the user's authoritative name, to the room. <paramref name="replyToSeq"/> names the message it answers.
    /// </summary>
    [Alias("SendMessage"), AlwaysInterleave]
    Task<SendResult> SendMessage(string roomId, string content, string? clientMessageId, string? originConnectionId, long? replyToSeq = null,
        ImmutableArray<Chat.Attachments.AttachmentInfo> attachments = default);

    /// <summary>
    /// Leases up to <paramref name="wanted"/> tokens of the user's budget to a gateway, which spends them on sends,
    /// edits, deletes and reactions without a call per message; <paramref name="returned"/> gives back the unspent
    /// tokens of the gateway's previous lease first. None granted: the budget is empty (see <see cref="SendTokenLease.RetryAfter"/>).
    /// </summary>
    [Alias("LeaseSendTokens"), AlwaysInterleave]
    Task<SendTokenLease> LeaseSendTokens(int returned, int wanted);

    /// <summary>Gives back the unspent tokens of a lease that expired unused (best effort: a lost return only lowers the budget).</summary>
    [Alias("ReturnSendTokens"), AlwaysInterleave, OneWay]
    Task ReturnSendTokens(int returned);

    /// <summary>Replaces the password hash (made by the gateway after it checked the current password).</summary>
    [Alias("SetPasswordHash")]
    Task SetPasswordHash(string passwordHash);
}
