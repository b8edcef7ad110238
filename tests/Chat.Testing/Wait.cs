using Xunit;

namespace Chat.Testing;

/// <summary>How long a test waits for something that should happen at once (a push, a reply). Generous, never slept.</summary>
public static class Wait
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// For state that announces no event (a release that happens on the server after a call ends): checks it until it
    /// holds or the time-out passes.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Timeout);
        while (!await condition())
        {
            if (deadline.IsCancellationRequested)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }
    }
}
