using System.Text.RegularExpressions;
using Chat.Conversations;
using Chat.Errors;
using Chat.Messages;
using Chat.Users;
using Microsoft.Extensions.Logging;

namespace Chat.Grains.Rooms;

// Mentions, and telling many members at once. A send costs nothing per member: only the users a message names are
// looked up (by name) and told, so a 10,000-member room sends as cheaply as a small one.
public sealed partial class RoomGrain
{
    /// <summary>Distinct names looked up per message; further @names are plain text.</summary>
    private const int MaxMentionsPerMessage = 20;

    /// <summary>Members' user grains told at once when a change concerns them all (rename, delete).</summary>
    private const int MaxParallelNotifications = 32;

    /// <summary>The user ids of members named as <c>@username</c> in <paramref name="content"/> (the sender excluded), or null.</summary>
    private async Task<string[]?> FindMentionsAsync(string content, string senderId)
    {
        if (!content.Contains('@', StringComparison.Ordinal))
        {
            return null;
        }
        var names = MentionPattern().Matches(content)
            .Select(match => ChatRules.Normalize(match.Groups[1].Value.TrimEnd('.', '-')))
            .Where(name => name.Length >= 3)
            .Distinct(StringComparer.Ordinal)
            .Take(MaxMentionsPerMessage)
            .ToArray();
        if (names.Length == 0)
        {
            return null;
        }
        var ids = await Task.WhenAll(names.Select(name => GrainFactory.GetGrain<IUsernameIndexGrain>(name).Resolve()));
        var mentioned = ids.OfType<string>().Where(id => id != senderId && state.State.Members.Contains(id)).Distinct().ToArray();
        return mentioned.Length > 0 ? mentioned : null;
    }

    /// <summary>Counts a stored message's mentions for the members it names (after the ack is certain; failures are logged).</summary>
    private async Task CountMentionsAsync(ChatMessage message)
    {
        if (message.Mentions is not { Length: > 0 } mentions)
        {
            return;
        }
        await NotifyMembersAsync(mentions, member => member.AddMention(RoomId, message.Seq));
    }

    /// <summary>Calls each user's <see cref="IUserRoomsGrain"/>, a bounded number at once; one failure does not stop the others.</summary>
    private async Task NotifyMembersAsync(IEnumerable<string> userIds, Func<IUserRoomsGrain, Task> call)
    {
        await Parallel.ForEachAsync(userIds.ToArray(), new ParallelOptions { MaxDegreeOfParallelism = MaxParallelNotifications, TaskScheduler = TaskScheduler.Current }, async (userId, _) =>
        {
            try
            {
                await call(GrainFactory.GetGrain<IUserRoomsGrain>(userId));
            }
            catch (Exception exception)
            {
                LogNotifyFailed(logger, exception, RoomId, userId);
            }
        });
    }

    /// <summary><c>@name</c> not preceded by a name character (so an e-mail address is not a mention).</summary>
    [GeneratedRegex(@"(?<![A-Za-z0-9_.\-])@([A-Za-z0-9_.\-]{3,32})", RegexOptions.CultureInvariant)]
    private static partial Regex MentionPattern();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Room {RoomId}: telling member {UserId} of a change failed")]
    private static partial void LogNotifyFailed(ILogger logger, Exception exception, string roomId, string userId);
}
