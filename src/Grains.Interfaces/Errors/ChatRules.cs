using System.Diagnostics.CodeAnalysis;
using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Chat.Errors;

/// <summary>
/// The input rules of the public contract (docs/PROTOCOL.md, "Identity and limits"), written once. The gateway
/// checks them before anything reaches a grain; grains check them again so that no caller can bypass them.
/// Each <c>Validate*</c> method throws <see cref="ChatException"/> with <see cref="ChatErrorCode.BadRequest"/>.
/// </summary>
public static partial class ChatRules
{
    public const int UsernameMinLength = 3;
    public const int UsernameMaxLength = 32;
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;
    public const int RoomIdMaxLength = 64;
    public const int RoomNameMaxLength = 100;
    public const int RoomDescriptionMaxLength = 500;
    public const int EmailMaxLength = 254;
    public const int DisplayNameMaxLength = 64;
    public const int AvatarMaxLength = 1024;
    public const int ContentMaxLength = 4000;
    public const int ClientMessageIdMaxLength = 64;
    public const int HistoryDefaultLimit = 50;
    public const int HistoryMaxLimit = 200;

    [GeneratedRegex("^[A-Za-z0-9_.-]{3,32}$")]
    private static partial Regex UsernamePattern();

    [GeneratedRegex("^[a-z0-9_-]{1,64}$")]
    private static partial Regex RoomIdPattern();

    /// <summary>Usernames and emails are unique case-insensitively: this is the form indexes are keyed by.</summary>
    public static string Normalize(string value) => value.Trim().ToLowerInvariant();

    public static void ValidateUsername([NotNull] string? username)
    {
        if (username is null || !UsernamePattern().IsMatch(username))
        {
            throw ChatException.BadRequest($"username must be {UsernameMinLength}-{UsernameMaxLength} characters of letters, digits, '_', '.' or '-'.");
        }
    }

    public static void ValidatePassword([NotNull] string? password)
    {
        if (password is null || password.Length is < PasswordMinLength or > PasswordMaxLength)
        {
            throw ChatException.BadRequest($"password must be {PasswordMinLength}-{PasswordMaxLength} characters.");
        }
        if (CommonPasswords.Contains(password))
        {
            throw ChatException.BadRequest("password is one of the most common (breached) passwords; choose another, e.g. a few unrelated words.");
        }
    }

    public static void ValidateEmail([NotNull] string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > EmailMaxLength || HasUnsafe(email) || !IsEmail(email))
        {
            throw ChatException.BadRequest("email must be a valid address.");
        }
    }

    public static void ValidateRoomId([NotNull] string? roomId)
    {
        if (roomId is null || !RoomIdPattern().IsMatch(roomId))
        {
            throw ChatException.BadRequest($"roomId must be 1-{RoomIdMaxLength} characters of a-z, 0-9, '_' or '-'.");
        }
    }

    public static bool IsRoomId(string? roomId) => roomId is not null && RoomIdPattern().IsMatch(roomId);

    public static string ValidateRoomName(string? name)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed) || trimmed.Length > RoomNameMaxLength)
        {
            throw ChatException.BadRequest($"name must be 1-{RoomNameMaxLength} characters.");
        }
        RefuseUnsafe("name", trimmed, allowLineBreaksAndTabs: false);
        return trimmed;
    }

    public static string ValidateRoomDescription(string? description)
    {
        var trimmed = description?.Trim() ?? "";
        if (trimmed.Length > RoomDescriptionMaxLength)
        {
            throw ChatException.BadRequest($"description must be at most {RoomDescriptionMaxLength} characters.");
        }
        RefuseUnsafe("description", trimmed, allowLineBreaksAndTabs: true);
        return trimmed;
    }

    /// <summary>Trims the content and checks that 1-4000 UTF-16 code units remain; returns the trimmed text.</summary>
    public static string ValidateContent(string? content)
    {
        var trimmed = content?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            throw ChatException.BadRequest("content must not be empty.");
        }
        if (trimmed.Length > ContentMaxLength)
        {
            throw ChatException.BadRequest($"content must be at most {ContentMaxLength} characters (got {trimmed.Length}).");
        }
        RefuseUnsafe("content", trimmed, allowLineBreaksAndTabs: true);
        return trimmed;
    }

    /// <summary>An empty id counts as none.</summary>
    public static string? ValidateClientMessageId(string? clientMessageId)
    {
        if (string.IsNullOrEmpty(clientMessageId))
        {
            return null;
        }
        if (clientMessageId.Length > ClientMessageIdMaxLength)
        {
            throw ChatException.BadRequest($"clientMessageId must be at most {ClientMessageIdMaxLength} characters.");
        }
        RefuseUnsafe("clientMessageId", clientMessageId, allowLineBreaksAndTabs: false);
        return clientMessageId;
    }

    public static string ValidateDisplayName(string displayName)
    {
        var trimmed = displayName.Trim();
        if (trimmed.Length is 0 or > DisplayNameMaxLength)
        {
            throw ChatException.BadRequest($"displayName must be 1-{DisplayNameMaxLength} characters.");
        }
        RefuseUnsafe("displayName", trimmed, allowLineBreaksAndTabs: false);
        return trimmed;
    }

    /// <summary>An avatar is an absolute http(s) URL, or empty to clear it.</summary>
    public static string ValidateAvatar(string avatar)
    {
        var trimmed = avatar.Trim();
        if (trimmed.Length == 0)
        {
            return trimmed;
        }
        if (trimmed.Length > AvatarMaxLength
            || !Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw ChatException.BadRequest($"avatar must be an http(s) URL of at most {AvatarMaxLength} characters.");
        }
        return trimmed;
    }

    /// <summary>Checks cursors and clamps the limit (default 50, at most 200).</summary>
    public static Messages.HistoryQuery ValidateHistory(long? beforeSeq, long? afterSeq, int? limit)
    {
        if (beforeSeq is <= 0)
        {
            throw ChatException.BadRequest("beforeSeq must be positive.");
        }
        if (afterSeq is < 0)
        {
            throw ChatException.BadRequest("afterSeq must not be negative.");
        }
        if (limit is <= 0)
        {
            throw ChatException.BadRequest("limit must be positive.");
        }
        var clamped = Math.Min(limit ?? HistoryDefaultLimit, HistoryMaxLimit);
        return new Messages.HistoryQuery(beforeSeq, afterSeq, clamped);
    }

    /// <summary>See <see cref="UnsafeText"/>: names refuse every control character, text may keep line breaks and tabs.</summary>
    private static void RefuseUnsafe(string field, string value, bool allowLineBreaksAndTabs)
    {
        if (UnsafeText.FindIn(value, allowLineBreaksAndTabs) is { } refused)
        {
            throw ChatException.BadRequest(
                $"{field} must not contain control, bidirectional-override or unpaired surrogate characters (found {UnsafeText.Describe(refused)}).");
        }
    }

    private static bool HasUnsafe(string value) => UnsafeText.FindIn(value, allowLineBreaksAndTabs: false) is not null;

    private static bool IsEmail(string email)
    {
        if (email.Trim() != email || email.Contains(' '))
        {
            return false;
        }
        try
        {
            var address = new MailAddress(email);
            var at = email.LastIndexOf('@');
            return address.Address == email && at > 0 && email.IndexOf('.', at) > at + 1 && !email.EndsWith('.');
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
