using System.ComponentModel.DataAnnotations;

namespace Chat.Grains.Sessions;

/// <summary>How long sign-in sessions live (configuration section <c>Chat:Sessions</c>).</summary>
public sealed class SessionOptions
{
    public const string Section = "Chat:Sessions";

    /// <summary>A session whose refresh token is not used for this long ends (the user signs in again).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan IdleLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Living sessions per user; a new one beyond it ends the least recently seen.</summary>
    [Range(1, 1000)]
    public int MaxSessionsPerUser { get; set; } = 50;
}
