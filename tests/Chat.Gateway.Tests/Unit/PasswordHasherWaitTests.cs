using Chat.Errors;
using Chat.Gateway.Auth;
using Microsoft.Extensions.Options;

namespace Chat.Gateway.Tests.Unit;

public sealed class PasswordHasherWaitTests
{
    [Fact]
    public async Task ARequestThatFindsNoFreeHashSlotInTimeIsUnavailableWithARetryAfter()
    {
        using var hasher = new PasswordHasher(Options.Create(new PasswordHashingOptions
        {
            // The longest hash allowed (about 3 s here): the poll below must see the slot taken while it lasts, and the
            // CPU-bound hash can delay the poll's own continuation by hundreds of milliseconds on two cores.
            Iterations = PasswordHasher.MaxIterations,
            MaxConcurrentHashes = 1,
            MaxWait = TimeSpan.FromMilliseconds(10),
        }));
        var busy = Task.Run(() => hasher.HashAsync("holds the only slot for a long while"));
        await Wait.UntilAsync(() => Task.FromResult(SlotTaken(hasher)), "the first hash holds the slot");

        var refused = await Assert.ThrowsAsync<ChatException>(() => hasher.VerifyAsync("waits in vain", null));

        Assert.Equal(ChatErrorCode.Unavailable, refused.Code);
        Assert.NotNull(refused.RetryAfter);
        await busy;
    }

    private static bool SlotTaken(PasswordHasher hasher) => hasher.FreeSlots == 0;
}
