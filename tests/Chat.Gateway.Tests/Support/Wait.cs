namespace Chat.Gateway.Tests.Support;

/// <summary>How long a test waits for something that should happen at once (a push, a reply). Generous, never slept.</summary>
public static class Wait
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
}
